// Progressive enhancement: pages work without this file where they can.
document.addEventListener('DOMContentLoaded', () => {
  // Keep the scan field focused so a keyboard-wedge scanner always types into it.
  const scan = document.querySelector('form.scan input[name=q]');
  if (scan) scan.focus();

  // <form data-upload action="..." data-csrf="..."> with one <input type=file>: the file is sent as the
  // raw request body (no multipart), then the page follows where the server redirects or shows its message.
  document.querySelectorAll('form[data-upload]').forEach((form) => {
    const status = form.querySelector('[data-upload-status]');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = form.querySelector('input[type=file]');
      const file = input && input.files[0];
      const say = (text) => { if (status) status.textContent = text; };
      if (!file) { say('Choisissez d\u2019abord un fichier.'); return; }
      if (form.dataset.maxBytes && file.size > Number(form.dataset.maxBytes)) { say(form.dataset.tooLarge); return; }
      say('Envoi en cours\u2026');
      const button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      const bar = form.querySelector('[data-upload-bar]');
      if (bar) {
        // fetch cannot report upload progress: XMLHttpRequest does, for the large files of an import.
        sendWithProgress(form, file, bar, say, button);
        return;
      }
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          body: file,
          headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': form.dataset.csrf },
          credentials: 'same-origin',
        });
        if (response.redirected) { window.location.href = response.url; return; }
        const type = response.headers.get('Content-Type') || '';
        if (type.includes('application/json')) {
          const body = await response.json();
          if (body.location) { window.location.href = body.location; return; }
          say(body.message || (response.ok ? 'Fichier envoyé.' : 'Échec de l\u2019envoi.'));
        } else {
          say(response.ok ? 'Fichier envoyé.' : 'Échec de l\u2019envoi (' + response.status + ').');
        }
      } catch (e) {
        say('Le serveur ne répond pas : vérifiez la connexion et réessayez.');
      } finally {
        if (button) button.disabled = false;
      }
    });
  });

  function sendWithProgress(form, file, bar, say, button) {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', form.dataset.csrf);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    bar.hidden = false;
    bar.value = 0;
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        bar.value = Math.round(100 * e.loaded / e.total);
        say('Envoi en cours\u2026 ' + bar.value + ' %');
      }
    });
    xhr.upload.addEventListener('load', () => say('Fichier envoyé, lecture en cours\u2026'));
    const done = () => { if (button) button.disabled = false; };
    xhr.addEventListener('load', () => {
      done();
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300 && body && body.location) { window.location.href = body.location; return; }
      bar.hidden = true;
      say(body && body.message ? body.message : 'Échec de l\u2019envoi (' + xhr.status + ').');
    });
    xhr.addEventListener('error', () => {
      done();
      bar.hidden = true;
      say('Le serveur ne répond pas : vérifiez la connexion et réessayez.');
    });
    xhr.send(file);
  }

  // <form data-signatures> with <canvas data-field="x"> pads: drawn with pointer events (finger, stylus,
  // mouse), sent as PNG data URLs in the hidden inputs of the same name when the form is submitted.
  document.querySelectorAll('form[data-signatures]').forEach((form) => {
    const drawn = new Set();
    form.querySelectorAll('canvas[data-field]').forEach((canvas) => {
      const ctx = canvas.getContext('2d');
      ctx.lineWidth = 3; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#1d2433';
      const point = (e) => {
        const r = canvas.getBoundingClientRect();
        return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
      };
      let drawing = false;
      canvas.addEventListener('pointerdown', (e) => {
        drawing = true; canvas.setPointerCapture(e.pointerId);
        const [x, y] = point(e); ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 0.1, y + 0.1); ctx.stroke();
        drawn.add(canvas.dataset.field);
      });
      canvas.addEventListener('pointermove', (e) => {
        if (!drawing) return;
        const [x, y] = point(e); ctx.lineTo(x, y); ctx.stroke();
      });
      const stop = () => { drawing = false; };
      canvas.addEventListener('pointerup', stop);
      canvas.addEventListener('pointercancel', stop);
    });
    form.querySelectorAll('button[data-clear]').forEach((button) => {
      button.addEventListener('click', () => {
        const canvas = document.getElementById(button.dataset.clear);
        canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
        drawn.delete(canvas.dataset.field);
      });
    });
    form.addEventListener('submit', (event) => {
      const status = form.querySelector('[data-signature-status]');
      const pads = form.querySelectorAll('canvas[data-field]');
      if ([...pads].some((c) => !drawn.has(c.dataset.field))) {
        event.preventDefault();
        if (status) status.textContent = 'Les deux signatures sont nécessaires.';
        return;
      }
      pads.forEach((c) => { form.querySelector('input[name="' + c.dataset.field + '"]').value = c.toDataURL('image/png'); });
    });
  });
});

// Scan station: the field stays focused so a keyboard-wedge scanner always types into it, even after a
// click on empty space; a deliberate move to another field or button is left alone.
document.addEventListener('DOMContentLoaded', () => {
  const field = document.querySelector('[data-keep-focus]');
  if (!field) return;
  const refocus = () => {
    const active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) field.focus();
  };
  field.focus();
  field.addEventListener('blur', () => setTimeout(refocus, 50));
  // A click on text or empty space gives the field back at once; controls keep the focus they take.
  document.addEventListener('click', (event) => {
    if (!event.target.closest('input, button, select, textarea, a, label, summary')) field.focus();
  });
});
