/* Check-in desk (Meja Registrasi): scan a delegate's QR code with the device camera.

   The page works without this file (type the code or a name); this only adds the camera. It reads
   frames from <video data-qr-video> into a canvas and hands them to the vendored jsQR
   (static/vendor/jsqr/jsQR.js, loaded before this file). A decoded code is written into the search
   field (<input data-qr-target>) and its form is submitted, so the result shows the same way as a
   typed code (htmx swaps it in; without htmx the form submits normally).

   Cameras need a secure origin (https, or localhost in development); elsewhere the button explains
   why it cannot start (data-insecure-text). */
(function () {
  "use strict";

  var stream = null;
  var frameRequest = null;
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });

  function panel() {
    return document.querySelector("[data-qr-panel]");
  }

  function say(text) {
    var status = document.querySelector("[data-qr-status]");
    if (status) status.textContent = text || "";
  }

  // A QR code may hold the bare check-in code or a link that ends in it (…/kode/AB12CD/ or ?kode=…).
  function codeFrom(text) {
    text = (text || "").trim();
    try {
      var url = new URL(text);
      var param = url.searchParams.get("kode") || url.searchParams.get("code");
      if (param) return param.trim();
      var parts = url.pathname.split("/").filter(Boolean);
      return parts.length ? decodeURIComponent(parts[parts.length - 1]) : text;
    } catch (error) {
      return text;
    }
  }

  function stop() {
    if (frameRequest) window.cancelAnimationFrame(frameRequest);
    frameRequest = null;
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    var box = panel();
    if (box) box.hidden = true;
    document.querySelectorAll("[data-qr-start]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function found(text) {
    var field = document.querySelector("[data-qr-target]");
    stop();
    if (!field) return;
    field.value = codeFrom(text);
    var form = field.form;
    if (form) form.requestSubmit ? form.requestSubmit() : form.submit();
  }

  function scan(video) {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA && video.videoWidth) {
      // Decode a scaled-down frame: phones deliver 1080p+, and jsQR's time grows with pixels.
      var scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var result = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (result && result.data) {
        found(result.data);
        return;
      }
    }
    frameRequest = window.requestAnimationFrame(function () {
      scan(video);
    });
  }

  function start(button) {
    var video = document.querySelector("[data-qr-video]");
    if (!video || typeof window.jsQR !== "function") return;
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(button.getAttribute("data-insecure-text"));
      return;
    }
    say(button.getAttribute("data-starting-text"));
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (mediaStream) {
        stream = mediaStream;
        video.srcObject = mediaStream;
        video.setAttribute("playsinline", "");
        video.muted = true;
        var box = panel();
        if (box) box.hidden = false;
        button.hidden = true;
        say(button.getAttribute("data-scanning-text"));
        return video.play().then(function () {
          scan(video);
        });
      })
      .catch(function () {
        stop();
        say(button.getAttribute("data-denied-text"));
      });
  }

  document.addEventListener("click", function (event) {
    var startButton = event.target.closest && event.target.closest("[data-qr-start]");
    if (startButton) {
      event.preventDefault();
      start(startButton);
      return;
    }
    var stopButton = event.target.closest && event.target.closest("[data-qr-stop]");
    if (stopButton) {
      event.preventDefault();
      stop();
      say("");
    }
  });

  // Leaving the page (or hiding it on a phone) releases the camera.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) stop();
  });
  window.addEventListener("pagehide", stop);
})();
