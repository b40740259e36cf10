/* Accessibility fixes to the theme's markup that CSS cannot make (checked by axe-core in
 * tests/test_accessibility.py): Material's search box is a role="dialog" without a name. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".md-search[role=dialog]:not([aria-label])"),
    function (dialog) {  // named like its search field, in the page's language (Material's own text)
      var field = dialog.querySelector("input[aria-label], input[placeholder]");
      if (field) { dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.getAttribute("placeholder")); }
    });
})();
