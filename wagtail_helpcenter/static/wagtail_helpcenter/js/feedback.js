/* "Was this helpful?" without leaving the page. Without this script the forms post
   normally and the page comes back with a thank-you. */
(function () {
  "use strict";

  function send(form, helpful) {
    var data = new FormData(form);
    data.set("helpful", helpful);
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(function (body) {
        return { ok: response.ok, body: body };
      });
    });
  }

  function say(form, text, isError) {
    var status = form.querySelector(".hc-feedback__status");
    if (!status) {
      status = document.createElement("p");
      status.className = "hc-feedback__status";
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    status.textContent = text;
    status.classList.toggle("hc-feedback__status--error", Boolean(isError));
  }

  function enhance(form) {
    var more = form.querySelector("[data-hc-feedback-more]");
    var noButton = form.querySelector("[data-hc-feedback-no]");
    var sendButton = document.createElement("button");
    sendButton.type = "submit";
    sendButton.name = "helpful";
    sendButton.value = "no";
    sendButton.className = "hc-button";
    sendButton.textContent = form.getAttribute("data-send-label") || "Send";
    more.appendChild(sendButton);
    more.hidden = true;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter;
      var helpful = button ? button.value : "yes";
      if (button === noButton && more.hidden) {
        // A "no" first asks what was wrong; the answer is optional.
        more.hidden = false;
        more.querySelector("input, textarea").focus();
        return;
      }
      send(form, helpful)
        .then(function (result) {
          if (result.ok) {
            var done = document.createElement("p");
            done.className = "hc-feedback hc-feedback--done";
            done.setAttribute("role", "status");
            done.setAttribute("tabindex", "-1");
            done.textContent = result.body.message;
            form.replaceWith(done);
            done.focus();
          } else {
            say(form, result.body.error, true);
          }
        })
        .catch(function () {
          say(form, form.getAttribute("data-error-label"), true);
        });
    });
  }

  document.querySelectorAll("form[data-hc-feedback]").forEach(enhance);
})();
