// On every page: forms with data-confirm ask before they do something that cannot be undone.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation(); // htmx must not send it either
    }
  }, true);
})();

// The header on a phone: the menu folds behind a "Menu" button, so the page starts near the top
// of a small screen. A disclosure button (aria-expanded), not a hover menu; wider screens and
// browsers without script keep the whole menu open.
(function () {
  "use strict";
  const toggle = document.querySelector(".menu-toggle");
  const menu = document.getElementById("site-menu");
  if (!toggle || !menu) return;
  const phone = window.matchMedia("(max-width: 40rem)");

  function show(open) {
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-folded", !open);
  }

  function fit() {
    toggle.hidden = !phone.matches;
    show(!phone.matches);
  }

  toggle.addEventListener("click", function () {
    show(toggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && phone.matches && toggle.getAttribute("aria-expanded") === "true") {
      show(false);
      toggle.focus();
    }
  });
  phone.addEventListener("change", fit);
  fit();
})();
