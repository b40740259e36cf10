/* Accessibility fixes to the theme's markup that CSS cannot make (checked by axe-core in
 * tests/test_accessibility.py): Material's search box is a role="dialog" without a name, and
 * its menu button (a <label> for the drawer's checkbox) cannot be reached or used by keyboard.
 * Names come from the page itself (the navigation's own label), so they follow its language. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".md-search[role=dialog]:not([aria-label])"),
    function (dialog) {  // named like its search field, in the page's language (Material's own text)
      var field = dialog.querySelector("input[aria-label], input[placeholder]");
      if (field) { dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.getAttribute("placeholder")); }
    });

  // A real button in the menu label's place: a <label> can neither take focus nor be a button.
  var drawer = document.getElementById("__drawer");
  var navigation = document.querySelector(".md-nav--primary[aria-label]");
  Array.prototype.forEach.call(document.querySelectorAll(".md-header label.md-header__button[for=__drawer]"),
    function (label) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " hb-menu-button";
      button.innerHTML = label.innerHTML;
      if (navigation) { button.setAttribute("aria-label", navigation.getAttribute("aria-label")); }
      function expanded() { button.setAttribute("aria-expanded", String(drawer.checked)); }
      expanded();
      drawer.addEventListener("change", expanded);
      button.addEventListener("click", function () { drawer.click(); });
      label.parentNode.insertBefore(button, label);
      label.classList.add("hb-replaced");
    });
})();
