/* Contrast theme, on <html> before the first paint; kept on this device only. Python side:
   caf_app/components/layout.py contrast_button() ([data-contrast-toggle], aria-pressed set here).
   Wiring: a click listener on document (capture: before React Router); aria-pressed for a new page's buttons from
   an observer of <body>'s own children, which React swaps at each page. */
(function () {
  var KEY = "caf_contraste", root = document.documentElement, on = false;
  try { on = localStorage.getItem(KEY) === "eleve"; } catch (e) { /* storage refused */ }
  function apply() {
    if (on) { root.setAttribute("data-contrast", "eleve"); } else { root.removeAttribute("data-contrast"); }
    var buttons = document.querySelectorAll("[data-contrast-toggle]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  apply();
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest("[data-contrast-toggle]"))) { return; }
    on = !on;
    try { localStorage.setItem(KEY, on ? "eleve" : "standard"); } catch (e) { /* private mode */ }
    apply();
  }, true);
  document.addEventListener("DOMContentLoaded", function () {
    apply();
    new MutationObserver(function () {
      if (document.querySelector("[data-contrast-toggle]:not([aria-pressed])")) { apply(); }
    }).observe(document.body, { childList: true });
  });
})();
