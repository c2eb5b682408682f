/* wagtail-helpcenter help widget: a "Help" button that opens a search of the help center
   on any page of the host site.

   <script src="https://help.example.com/static/wagtail_helpcenter/js/helpcenter-widget.js"
           data-helpcenter="https://help.example.com/help/"
           data-contact-url="https://www.example.com/contact/" defer></script>

   Optional: data-label (button text), data-title (panel heading), data-placeholder,
   data-contact-text. The help center must list the host site's origin in
   WAGTAIL_HELPCENTER["API_ORIGINS"]. Plain JavaScript, no framework; styles live in a
   Shadow DOM, so the host page's CSS and the widget's cannot affect each other. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.dataset.helpcenter) {
    return;
  }
  var base = script.dataset.helpcenter.replace(/\/?$/, "/");
  var helpCenterUrl = new URL(base, window.location.href);
  var text = {
    label: script.dataset.label || "Help",
    title: script.dataset.title || "How can we help?",
    placeholder: script.dataset.placeholder || "Describe your question",
    contact: script.dataset.contactText || "Still need help? Contact us",
    empty: script.dataset.emptyText || "No answers found. Try other words.",
    error: script.dataset.errorText || "Search is not available right now.",
    close: script.dataset.closeText || "Close",
  };
  var MIN_LENGTH = 2;
  var DELAY_MS = 250;
  var MAX_RESULTS = 5;

  var STYLE =
    ":host{all:initial;position:fixed;right:16px;bottom:16px;z-index:2147483000;" +
    "font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933}" +
    "*{box-sizing:border-box}" +
    ".answer{border-left:4px solid #1f5f99;background:#f5f9fd;padding:8px 12px;margin:8px 0}" +
    ".answer blockquote{margin:0 0 4px}" +
    ".toggle{font:inherit;font-weight:600;border:0;border-radius:999px;padding:.7em 1.3em;" +
    "background:#0b5cad;color:#fff;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.25)}" +
    ".toggle:hover{background:#084482}" +
    "button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}" +
    ".panel{position:absolute;right:0;bottom:3.6em;width:min(380px,calc(100vw - 32px));" +
    "max-height:min(520px,calc(100vh - 100px));overflow:auto;background:#fff;border:1px solid #cbd2d9;" +
    "border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.25);padding:1em}" +
    ".panel[hidden]{display:none}" +
    ".head{display:flex;justify-content:space-between;align-items:center;gap:.5em}" +
    "h2{font-size:1.1em;margin:0}" +
    ".close{font:inherit;border:0;background:none;cursor:pointer;color:#52606d;padding:.2em .4em}" +
    "label{display:block;margin:.8em 0 .3em;font-weight:600;font-size:.9em}" +
    "input{font:inherit;width:100%;padding:.55em .7em;border:2px solid #52606d;border-radius:6px}" +
    "ul{list-style:none;margin:.8em 0 0;padding:0}" +
    "li{padding:.55em 0;border-top:1px solid #e4e7eb}" +
    "a{color:#0b5cad;font-weight:600}" +
    ".summary{margin:.15em 0 0;font-size:.9em;color:#52606d}" +
    ".status{font-size:.9em;color:#52606d;margin:.6em 0 0}" +
    ".contact{display:block;margin-top:1em;font-size:.95em}";

  var host = document.createElement("div");
  host.setAttribute("data-helpcenter-widget", "");
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" + STYLE + "</style>" +
    '<button class="toggle" type="button" aria-expanded="false" aria-controls="panel"></button>' +
    '<div class="panel" id="panel" role="dialog" aria-labelledby="title" hidden>' +
    '<div class="head"><h2 id="title"></h2><button class="close" type="button"></button></div>' +
    '<form role="search"><label for="q"></label>' +
    '<input id="q" type="search" autocomplete="off" maxlength="200"></form>' +
    '<p class="status" role="status" aria-live="polite"></p>' +
    '<div class="answer" hidden><blockquote></blockquote><a></a></div><ul></ul>' +
    '<a class="contact" hidden></a></div>';

  var toggle = root.querySelector(".toggle");
  var panel = root.querySelector(".panel");
  var input = root.querySelector("input");
  var list = root.querySelector("ul");
  var status = root.querySelector(".status");
  var answer = root.querySelector(".answer");
  var contact = root.querySelector(".contact");
  var closeButton = root.querySelector(".close");
  toggle.textContent = text.label;
  root.querySelector("h2").textContent = text.title;
  root.querySelector("label").textContent = text.placeholder;
  input.placeholder = text.placeholder;
  closeButton.textContent = "×";
  closeButton.setAttribute("aria-label", text.close);
  if (script.dataset.contactUrl) {
    contact.href = script.dataset.contactUrl;
    contact.textContent = text.contact;
    contact.hidden = false;
  }

  function open() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  }

  toggle.addEventListener("click", function () {
    if (panel.hidden) {
      open();
    } else {
      close();
    }
  });
  closeButton.addEventListener("click", close);
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      close();
    }
  });

  // A quick answer: a passage of the help center in its own words, linked to its section.
  function showAnswer(found) {
    answer.hidden = !found;
    if (!found) {
      return;
    }
    answer.querySelector("blockquote").textContent = found.text;
    var link = answer.querySelector("a");
    link.href = new URL(found.url, helpCenterUrl).href;
    link.textContent = found.section ? found.title + " › " + found.section : found.title;
  }

  // Which result the visitor opened, once per counted search (the help center sent a
  // click token): a keepalive GET the help center counts anonymously; no cookie.
  function reportClick(token, result, state) {
    if (!token || !result.position || state.sent || !window.fetch) {
      return;
    }
    state.sent = true;
    var query = new URLSearchParams({
      token: token,
      position: String(result.position),
      page: String(result.page_id),
    });
    try {
      fetch(base + "search/click/?" + query.toString(), {
        keepalive: true,
        mode: "no-cors",
        credentials: "omit",
        cache: "no-store",
      }).catch(function () {});
    } catch (error) {
      /* keepalive unsupported: nothing is counted */
    }
  }

  function show(results, token) {
    list.textContent = "";
    var state = { sent: false };
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      // Result URLs may be relative to the help center, which is on another site.
      link.href = new URL(result.url, helpCenterUrl).href;
      link.textContent = result.title;
      link.addEventListener("click", function () {
        reportClick(token, result, state);
      });
      link.addEventListener("auxclick", function (event) {
        if (event.button === 1) {
          reportClick(token, result, state);
        }
      });
      item.appendChild(link);
      if (result.summary) {
        var summary = document.createElement("p");
        summary.className = "summary";
        summary.textContent = result.summary;
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    status.textContent = results.length ? "" : text.empty;
  }

  var timer = null;
  var latest = 0;

  // complete: the visitor pressed Enter. Only such searches are counted for the
  // help center's search terms report, never the half-typed words of a search as
  // they type.
  function search(complete) {
    var query = input.value.trim();
    if (query.length < MIN_LENGTH) {
      showAnswer(null);
      list.textContent = "";
      status.textContent = "";
      return;
    }
    var asked = ++latest;
    var url = base + "search/?format=json&q=" + encodeURIComponent(query);
    fetch(complete ? url + "&complete=1" : url, {
      credentials: "omit",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (asked === latest) {
          showAnswer(data.answer);
          show((data.picks || []).concat(data.results || []), data.click_token);
        }
      })
      .catch(function () {
        if (asked === latest) {
          showAnswer(null);
          list.textContent = "";
          status.textContent = text.error;
        }
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(false);
    }, DELAY_MS);
  });
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(true);
  });

  function attach() {
    document.body.appendChild(host);
  }
  if (document.body) {
    attach();
  } else {
    document.addEventListener("DOMContentLoaded", attach);
  }
})();
