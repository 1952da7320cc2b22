/* Reading aids. Python side: caf_app/components/layout.py page() (skip link to main#contenu, one h1 per page),
   caf_app/components/ui/steps.py steps() ([data-step]: the step a state holds), caf_app/pages/declaration.py
   ("Écouter" [data-speak] buttons). Deferred. */

/* Skip link: focus the main content (browsers only scroll). A click listener on document, before React Router. */
(function () {
  document.addEventListener("click", function (event) {
    var skip = event.target.closest && event.target.closest(".skip-link");
    if (!skip) { return; }
    var main = document.getElementById(skip.getAttribute("href").split("#")[1]);
    if (main) { event.preventDefault(); event.stopPropagation(); main.focus(); main.scrollIntoView(); }
  }, true);
})();

/* Focus to a new page's h1 (not at a full load: the skip link comes first), to a new step's first heading (not at
   its first render). Pages: an observer of <body>'s own children, where React swaps <main> after the address
   changed, then of the new <main> until its h1 comes; steps: an observer of the data-step attribute alone. */
(function () {
  function currentPath() { return location.pathname.replace(/\/+$/, "") || "/"; }  // "/a/" and "/a" are one page
  function focusOn(element) {
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    element.focus();
  }
  var lastPath = currentPath(), pageMain = document.querySelector("main"), leaving = null, waiting = null;
  function focusTitle(main) {
    var h1 = main.querySelector("h1");
    if (h1) { focusOn(h1); return; }
    waiting = new MutationObserver(function () {
      var title = main.querySelector("h1");
      if (title) { waiting.disconnect(); waiting = null; focusOn(title); }
    });
    waiting.observe(main, { childList: true, subtree: true });
  }
  new MutationObserver(function () {
    var main = document.querySelector("main");
    if (currentPath() !== lastPath) {  // a navigation: the page left is the one of pageMain (maybe still shown)
      lastPath = currentPath();
      leaving = pageMain;
      if (waiting) { waiting.disconnect(); waiting = null; }
    }
    if (leaving && main && main !== leaving) { leaving = null; focusTitle(main); }
    pageMain = main;
  }).observe(document.body, { childList: true });
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      var step = record.target.getAttribute("data-step");
      if (record.oldValue !== null && step !== null && step !== record.oldValue) {
        focusOn(record.target.querySelector("h2, h1, h3") || record.target);
      }
    });
  }).observe(document, { subtree: true, attributeFilter: ["data-step"], attributeOldValue: true });
})();

/* "Écouter": read [data-speak]'s element aloud in French; html.no-speech hides .listen where there is no voice. */
(function () {
  if (!("speechSynthesis" in window)) {
    document.documentElement.classList.add("no-speech");
    return;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-speak]");
    var source = button && document.getElementById(button.getAttribute("data-speak"));
    if (!source) { return; }
    var utterance = new SpeechSynthesisUtterance(source.textContent);
    utterance.lang = "fr-FR";
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  });
})();
