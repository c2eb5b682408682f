/* The contact form: as the visitor types the subject, up to five articles that may
 * answer it appear under it (the help center's JSON search, not counted as a search).
 * Opening one tells the server once, by a beacon carrying this form's token, so the
 * help center knows how often a suggestion answered before a request was sent. Without
 * this script the form is an ordinary form. */
(function () {
  "use strict";
  var MIN_LENGTH = 3;
  var DELAY = 300;
  var LIMIT = 5;

  function focusErrors() {
    var summary = document.getElementById("hc-contact-errors");
    if (summary) { summary.focus(); }
  }

  function enhance(form) {
    var subject = form.querySelector("#hc-contact-subject");
    var region = form.querySelector("#hc-contact-suggestions");
    var status = form.querySelector("#hc-contact-suggestions-status");  /* read out */
    if (!subject || !region || !status) { return; }
    var searchUrl = form.getAttribute("data-search-url");
    var beaconUrl = form.getAttribute("data-beacon-url");
    var timer = null, request = 0, told = false;

    function tell() {
      if (told || !navigator.sendBeacon) { return; }
      var data = new FormData();
      data.append("token", form.elements.token.value);
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      told = navigator.sendBeacon(beaconUrl, data);
    }

    function show(results) {
      region.innerHTML = "";
      if (!results.length) { region.hidden = true; status.textContent = ""; return; }
      var title = document.createElement("h2");
      title.className = "hc-contact-suggestions__title";
      title.id = "hc-contact-suggestions-title";
      title.textContent = form.getAttribute("data-suggestions-label");
      var list = document.createElement("ul");
      list.setAttribute("aria-labelledby", title.id);
      results.slice(0, LIMIT).forEach(function (result) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = result.url;
        link.target = "_blank";  /* the draft stays open in this tab */
        link.rel = "noopener";
        link.textContent = result.title;  /* text, never HTML */
        var note = document.createElement("span");
        note.className = "hc-visually-hidden";
        note.textContent = " " + form.getAttribute("data-new-tab-label");
        link.appendChild(note);
        link.addEventListener("click", tell);
        link.addEventListener("auxclick", tell);
        item.appendChild(link);
        list.appendChild(item);
      });
      region.appendChild(title);
      region.appendChild(list);
      region.hidden = false;
      status.textContent = title.textContent;
    }

    subject.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = subject.value.trim();
      if (query.length < MIN_LENGTH) { request++; show([]); return; }
      timer = window.setTimeout(function () {
        var mine = ++request;
        var url = searchUrl + "?format=json&q=" + encodeURIComponent(query);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (body) { if (mine === request) { show(body.results || []); } })
          .catch(function () { show([]); });
      }, DELAY);
    });
  }

  document.querySelectorAll("form[data-hc-contact]").forEach(enhance);
  focusErrors();
})();
