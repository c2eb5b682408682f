/* How long the visitor read this page: visible time only (paused while the tab is
   hidden, not started while the page is prerendered), reported once per page load when
   the visitor leaves or hides the page, as a bucket: "short" (under 10 s), "medium"
   (10 to 60 s) or "long". A keepalive GET to <help center>/read/ rather than
   navigator.sendBeacon, which can only POST: see views/beacons.py. No cookie is set. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.dataset.hcReadUrl || !window.fetch) {
    return;
  }
  var url = script.dataset.hcReadUrl;
  var page = script.dataset.hcPage;
  var visibleMs = 0;
  var since = null; // when the page last became visible
  var sent = false;

  function start() {
    if (since === null && document.visibilityState === "visible" && !document.prerendering) {
      since = Date.now();
    }
  }

  function pause() {
    if (since !== null) {
      visibleMs += Date.now() - since;
      since = null;
    }
  }

  function bucket(seconds) {
    if (seconds < 10) {
      return "short";
    }
    return seconds <= 60 ? "medium" : "long";
  }

  function send() {
    pause();
    if (sent) {
      return;
    }
    sent = true;
    var query = new URLSearchParams({ page: page, bucket: bucket(visibleMs / 1000) });
    try {
      fetch(url + "?" + query.toString(), {
        keepalive: true,
        credentials: "same-origin",
        cache: "no-store",
      }).catch(function () {});
    } catch (error) {
      /* keepalive unsupported: nothing is counted */
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      send();
    } else {
      start();
    }
  });
  document.addEventListener("prerenderingchange", start);
  window.addEventListener("pagehide", send);
  start();
})();
