// Kijkwijzer builder: adds a blank domain to the formset. Without JavaScript the form still
// offers blank domains to fill in, and more can be added after saving.
(function () {
  "use strict";
  const button = document.querySelector("[data-add-domain]");
  const template = document.getElementById("domain-template");
  const container = document.getElementById("domain-forms");
  const total = document.getElementById("id_domains-TOTAL_FORMS");
  const max = document.getElementById("id_domains-MAX_NUM_FORMS");
  if (!button || !template || !container || !total) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    const index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const added = container.lastElementChild;
    const field = added && added.querySelector("input, textarea");
    if (field) field.focus();
  });
})();
