/* Rakor's behaviour, all in one file: the Content-Security-Policy forbids inline scripts and
   on*="" handlers, so pages declare what they want with data- attributes and this file acts on them.
   Loaded in <head> without defer, so the "js" class is set before the first paint; everything else
   listens on the document and therefore needs no DOM yet. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  // <form data-autosubmit>: submit as soon as a select changes (the language switch). Without
  // JavaScript the form keeps its visible submit button.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!(field instanceof HTMLSelectElement)) return;
    var form = field.form;
    if (form && form.hasAttribute("data-autosubmit")) {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });

  // data-confirm="Question?" on a form or on its submit button: ask before submitting.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var question =
        (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      // Guard against double submits: disable the button once the form really goes.
      if (form.hasAttribute("data-once") && submitter) {
        window.setTimeout(function () {
          submitter.disabled = true;
        }, 0);
      }
    },
    true
  );

  // Links with data-confirm (rare: prefer POST forms for anything that changes data).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-confirm]");
    if (link && !window.confirm(link.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // data-print: a button that opens the browser's print dialog.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  // htmx sends the CSRF token of <meta name="csrf-token"> with every request.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.headers["X-CSRFToken"] = meta.content;
    }
  });

  // htmx's hx-confirm uses window.confirm as well; nothing to add. After htmx swaps content in,
  // move focus to an element that asks for it (data-autofocus) so keyboard users follow the change.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target && event.detail.target.querySelector("[data-autofocus]");
    if (target) target.focus();
  });
})();
