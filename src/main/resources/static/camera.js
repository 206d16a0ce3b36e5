// Live camera scanning on the scan pages (labels/camera.jte). The rear camera is read in the page: the browser's
// own BarcodeDetector where it has one, otherwise jsQR (vendor/jsqr, served by the service, never from a CDN).
// A decoded label opens its machine through /scan?code=..., so the server checks the tag exactly as it does for a
// USB scanner; in continuous mode each new tag goes to the batch page instead (/scan/batch?tags=...&code=...),
// where the camera starts again by itself. Without a secure context or a camera the page says so and the text
// field above keeps working.
(() => {
  'use strict';
  const LABEL = /(?:^|\/m\/)([A-Za-z]{1,10}-\d{4}-\d{5})\/?$/i;
  const REMEMBER = 'parc.camera'; // "on" while the technician keeps the camera open from page to page
  const CONTINUOUS = 'parc.camera.continuous';
  const LAST_SENT = 'parc.camera.last'; // the tag sent to the batch last: still in view when the page comes back
  const MAX_WIDTH = 640; // frames are scaled down before jsQR: a label fills enough of the picture at this size

  document.addEventListener('DOMContentLoaded', () => {
    const section = document.querySelector('[data-camera]');
    if (!section) return;
    const batchPage = section.dataset.camera === 'batch';
    const inBatch = new Set((section.dataset.batchTags || '').split(',').filter(Boolean).map((t) => t.toUpperCase()));
    const video = section.querySelector('#camera-video');
    const start = section.querySelector('#camera-start');
    const stop = section.querySelector('#camera-stop');
    const torch = section.querySelector('#camera-torch');
    const continuous = section.querySelector('#camera-continuous');
    const status = section.querySelector('#camera-status');
    const say = (text) => { status.textContent = text; };
    section.hidden = false;

    if (!window.isSecureContext) {
      start.hidden = true;
      say('La caméra n\u2019est accessible qu\u2019en https (ou sur localhost) : ce navigateur la refuse sur cette '
        + 'adresse. Tapez le numéro ou utilisez un lecteur USB dans le champ ci-dessus.');
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      start.hidden = true;
      say('Ce navigateur ne donne pas accès à la caméra : tapez le numéro ou utilisez un lecteur USB dans le champ ci-dessus.');
      return;
    }
    if (continuous) {
      continuous.checked = sessionStorage.getItem(CONTINUOUS) === 'on';
      continuous.addEventListener('change', () => sessionStorage.setItem(CONTINUOUS, continuous.checked ? 'on' : 'off'));
    }

    let stream = null;
    let detector = null;
    let busy = false;
    let done = false;
    let lastRefused = null;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    const nativeDetector = async () => {
      if (!('BarcodeDetector' in window)) return null;
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        return formats.includes('qr_code') ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
      } catch (e) {
        return null;
      }
    };

    const decodeFrame = async () => {
      if (detector) {
        const codes = await detector.detect(video);
        return codes.length ? codes[0].rawValue : null;
      }
      if (typeof window.jsQR !== 'function') return null;
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
      return code ? code.data : null;
    };

    const signal = () => {
      if (navigator.vibrate) navigator.vibrate(120);
      try {
        const audio = new (window.AudioContext || window.webkitAudioContext)();
        const tone = audio.createOscillator();
        tone.frequency.value = 880;
        tone.connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.1);
      } catch (e) {
        // No sound on this device: the vibration and the page change say it.
      }
    };

    const found = (text) => {
      const match = LABEL.exec(text.trim());
      if (!match) {
        if (lastRefused !== text) say('Ce QR code n\u2019est pas celui d\u2019une étiquette de machine.');
        lastRefused = text;
        return false;
      }
      const tag = match[1].toUpperCase();
      if (batchPage || (continuous && continuous.checked)) {
        // Still in view after the page came back (added, or refused by the server): not a new scan.
        if (inBatch.has(tag) || sessionStorage.getItem(LAST_SENT) === tag) return false;
        sessionStorage.setItem(LAST_SENT, tag);
        inBatch.add(tag);
        signal();
        say(tag + ' ajoutée au lot.');
        const tags = [...inBatch].filter((t) => t !== tag).join(',');
        setTimeout(() => { window.location.href = '/scan/batch?tags=' + encodeURIComponent(tags) + '&code=' + encodeURIComponent(tag); }, 150);
        return true;
      }
      say('Étiquette ' + tag + ' lue : ouverture de la fiche\u2026');
      window.location.href = '/scan?code=' + encodeURIComponent(tag);
      return true;
    };

    const tick = async () => {
      if (!stream || done) return;
      if (!busy && video.readyState >= 2 && video.videoWidth > 0) {
        busy = true;
        try {
          const text = await decodeFrame();
          if (text && found(text)) done = true;
        } catch (e) {
          // A frame the decoder could not read: the next one will do.
        } finally {
          busy = false;
        }
      }
      if (!done) setTimeout(tick, 120);
    };

    const close = () => {
      if (stream) stream.getTracks().forEach((t) => t.stop());
      stream = null;
      video.hidden = true;
      stop.hidden = true;
      torch.hidden = true;
      start.hidden = false;
    };

    const open = async () => {
      say('Ouverture de la caméra\u2026');
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (e) {
        stream = null;
        localStorage.removeItem(REMEMBER);
        if (e && e.name === 'NotAllowedError') {
          say('L\u2019accès à la caméra a été refusé : autorisez-le dans les réglages du navigateur, ou utilisez le champ ci-dessus.');
        } else if (e && (e.name === 'NotFoundError' || e.name === 'OverconstrainedError')) {
          say('Aucune caméra n\u2019a été trouvée sur cet appareil : utilisez le champ ci-dessus (lecteur USB ou saisie).');
        } else {
          say('La caméra n\u2019a pas pu être ouverte (elle est peut-être utilisée par une autre application).');
        }
        return;
      }
      localStorage.setItem(REMEMBER, 'on');
      detector = await nativeDetector();
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      stop.hidden = false;
      try {
        await video.play();
      } catch (e) {
        // Autoplay of a muted inline video is allowed; should a browser refuse, frames still arrive for decoding.
      }
      const track = stream.getVideoTracks()[0];
      const capabilities = track && track.getCapabilities ? track.getCapabilities() : {};
      if (capabilities.torch) {
        torch.hidden = false;
        torch.onclick = async () => {
          const on = torch.getAttribute('aria-pressed') !== 'true';
          try {
            await track.applyConstraints({ advanced: [{ torch: on }] });
            torch.setAttribute('aria-pressed', String(on));
            torch.textContent = on ? 'Éteindre la lampe' : 'Allumer la lampe';
          } catch (e) {
            say('La lampe de cet appareil ne peut pas être commandée.');
          }
        };
      }
      say(batchPage ? 'Caméra ouverte : visez les étiquettes une à une.' : 'Caméra ouverte : visez l\u2019étiquette.');
      tick();
    };

    start.addEventListener('click', open);
    stop.addEventListener('click', () => { localStorage.removeItem(REMEMBER); close(); say('Caméra fermée.'); });
    window.addEventListener('pagehide', close);
    // A technician who opened the camera once keeps it from page to page (the permission is already given).
    if (localStorage.getItem(REMEMBER) === 'on') open();
  });
})();
