/* Shell behaviours that must work before React starts and offline, without the server.
   Contrast theme: applied before the first paint, kept in localStorage, toggled by [data-contrast-toggle]
   buttons (which React renders without aria-pressed: this script sets it and keeps it right). */
(function () {
  var KEY = "caf_contraste";
  var root = document.documentElement;
  function saved() {
    try { return localStorage.getItem(KEY) === "eleve"; } catch (e) { return false; }
  }
  function apply(on) {
    if (on) { root.setAttribute("data-contrast", "eleve"); } else { root.removeAttribute("data-contrast"); }
    var buttons = document.querySelectorAll("[data-contrast-toggle]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  var current = saved();
  apply(current);
  document.addEventListener("click", function (event) {
    // Skip link: move focus to the main content (browsers only scroll to a fragment).
    var skip = event.target.closest && event.target.closest(".skip-link");
    if (skip) {
      var main = document.getElementById(skip.getAttribute("href").split("#")[1]);
      if (main) { event.preventDefault(); event.stopPropagation(); main.focus(); main.scrollIntoView(); }
      return;
    }
    var button = event.target.closest && event.target.closest("[data-contrast-toggle]");
    if (!button) { return; }
    current = !current;
    var on = current;
    try { localStorage.setItem(KEY, on ? "eleve" : "standard"); } catch (e) { /* private mode: session only */ }
    apply(on);
  }, true);  // capture: before React Router's own handling of links
  // React mounts new Contraste buttons on each page: give them their state too.
  new MutationObserver(function () {
    if (document.querySelector("[data-contrast-toggle]:not([aria-pressed])")) { apply(current); }
  }).observe(root, { childList: true, subtree: true });
})();
