/* Ma Caf, kept on this device: the header's "Ma Caf" link reads "Ma Caf - 13" and leads to that Caf's page once a
   Caf was chosen. Python side: caf_app/state/ma_caf.py (the chooser stores the département under the key below,
   then calls window.cafMaCaf) and caf_app/components/layout.py (the link carries [data-ma-caf]).
   Only attributes change (data-caf, shown by styles.css's ::after, and href), never the text React hydrates; the
   link is a document link, so the browser follows the new href itself. A new page's header is found by an
   observer of <body>'s own children, which React swaps at each page (as theme.js does). */
(function () {
  var KEY = "caf_ma_caf", VALID = /^(\d{2}|2A|2B|97\d)$/;
  function chosen() {
    try { var value = localStorage.getItem(KEY) || ""; return VALID.test(value) ? value : ""; } catch (e) { return ""; }
  }
  function apply() {
    var departement = chosen();
    if (!departement) { return; }
    var links = document.querySelectorAll("a[data-ma-caf]");
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute("data-caf", departement);
      links[i].setAttribute("href", links[i].getAttribute("data-ma-caf") + "/" + departement);
    }
  }
  window.cafMaCaf = apply;
  /* « Me localiser », called by rx.call_script (state/ma_caf.py): the position as "latitude,longitude", or
     "erreur:<code>" (1 refused, 2 unavailable, 3 too long) or "erreur:absent". It always answers: the browser's own
     delay counts only once the person has allowed it, so a prompt left unanswered ends here after 30 s. */
  window.cafLocate = function () {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) { resolve("erreur:absent"); return; }
      var late = setTimeout(function () { resolve("erreur:3"); }, 30000);
      function answer(text) { clearTimeout(late); resolve(text); }
      try {
        navigator.geolocation.getCurrentPosition(
          function (found) { answer(found.coords.latitude.toFixed(6) + "," + found.coords.longitude.toFixed(6)); },
          function (error) { answer("erreur:" + ((error && error.code) || 2)); },
          { enableHighAccuracy: false, timeout: 20000, maximumAge: 0 });
      } catch (e) { answer("erreur:2"); }
    });
  };
  function start() {
    apply();
    new MutationObserver(function () {
      if (chosen() && document.querySelector("a[data-ma-caf]:not([data-caf='" + chosen() + "'])")) { apply(); }
    }).observe(document.body, { childList: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
