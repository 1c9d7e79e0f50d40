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
