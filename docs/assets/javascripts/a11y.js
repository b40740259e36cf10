/* Accessibility fixes to the theme's markup that CSS cannot make (checked by axe-core in
 * tests/test_accessibility.py): Material's search box is a role="dialog" without a name. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".md-search[role=dialog]:not([aria-label])"),
    function (dialog) { dialog.setAttribute("aria-label", "Suche"); });
})();
