// Progressive enhancement: pages work without this file where they can.
document.addEventListener('DOMContentLoaded', () => {
  // After a save the page says so in its role="status" region (platform/http/Confirmations): the focus goes there so
  // that a screen reader reads it first, and the address loses "saved=" so a reload does not confirm again.
  const confirmation = document.getElementById('confirmation');
  if (confirmation) {
    confirmation.focus();
    const url = new URL(window.location.href);
    if (url.searchParams.has('saved')) {
      url.searchParams.delete('saved');
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  }

  // Keep the scan field focused so a keyboard-wedge scanner always types into it.
  const scan = document.querySelector('form.scan input[name=q]');
  if (scan && !confirmation) scan.focus();

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

  // Erasure evidence (machine page): a nwipe log or certificate, or a smartctl JSON report, sent as the raw body to
  // the API route that reads it (chosen by the file's name); the page reloads on the confirmation.
  document.querySelectorAll('form[data-evidence-upload]').forEach((form) => {
    const status = form.querySelector('[data-upload-status]');
    const say = (text) => { if (status) status.textContent = text; };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const file = form.querySelector('input[type=file]').files[0];
      if (!file) { say('Choisissez d\u2019abord un fichier.'); return; }
      const url = (/\.json$/i.test(file.name) ? form.dataset.smartUrl : form.dataset.logUrl)
        + '?name=' + encodeURIComponent(file.name);
      say('Envoi en cours\u2026');
      try {
        const response = await fetch(url, { method: 'POST', body: file, credentials: 'same-origin',
          headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': form.dataset.csrf } });
        const body = await response.json().catch(() => ({}));
        if (response.ok) { window.location.href = form.dataset.done; return; }
        say(body.message || ('Échec de l\u2019envoi (' + response.status + ').'));
      } catch (e) {
        say('Le serveur ne répond pas : vérifiez la connexion et réessayez.');
      }
    });
  });

  // Bulk import of a ShredOS stick's folder: the files picked are sent one by one, each row saying what matched.
  document.querySelectorAll('form[data-bulk-logs]').forEach((form) => {
    const progress = form.querySelector('[data-bulk-progress]');
    const table = document.getElementById('bulk-results');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const picked = Array.from(form.querySelector('input[name=files]').files);
      const folder = Array.from(form.querySelector('input[name=folder]').files).filter((f) => /\.(txt|log|pdf)$/i.test(f.name));
      const files = picked.concat(folder);
      if (files.length === 0) { progress.textContent = 'Choisissez d\u2019abord un ou plusieurs fichiers.'; return; }
      table.hidden = false;
      const rows = table.querySelector('tbody');
      let done = 0;
      for (const file of files) {
        progress.textContent = 'Envoi ' + (done + 1) + ' sur ' + files.length + ' : ' + file.name + '\u2026';
        const row = rows.insertRow();
        row.insertCell().textContent = file.name;
        const result = row.insertCell();
        const machines = row.insertCell();
        try {
          const response = await fetch(form.action + '?name=' + encodeURIComponent(file.name), { method: 'POST',
            body: file, credentials: 'same-origin',
            headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': form.dataset.csrf } });
          const body = await response.json().catch(() => ({}));
          result.textContent = response.ok ? (body.alreadyImported ? body.message : body.summary) : (body.message || ('Refusé (' + response.status + ')'));
          (body.machines || []).forEach((tag, i) => {
            if (i > 0) machines.append(', ');
            const link = document.createElement('a');
            link.href = '/m/' + encodeURIComponent(tag);
            link.textContent = tag;
            machines.append(link);
          });
        } catch (e) {
          result.textContent = 'Le serveur ne répond pas.';
        }
        done++;
      }
      progress.textContent = done + ' fichier(s) traité(s) sur ' + files.length + '.';
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
  // A confirmation just shown keeps the focus first (see above); the next click or blur gives it back to the field.
  if (!document.getElementById('confirmation')) field.focus();
  field.addEventListener('blur', () => setTimeout(refocus, 50));
  // A click on text or empty space gives the field back at once; controls keep the focus they take.
  document.addEventListener('click', (event) => {
    if (!event.target.closest('input, button, select, textarea, a, label, summary, video')) field.focus();
  });
});

// Cohort handover: a keyboard-wedge scanner ends each tag with Enter; in that form Enter moves to the next
// participant's field instead of sending the form half filled. The last field's Enter sends it.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-cohort]');
  if (!form) return;
  const fields = [...form.querySelectorAll('input[list]')];
  fields.forEach((field, i) => field.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || i === fields.length - 1) return;
    event.preventDefault();
    fields[i + 1].focus();
  }));
});

// The trainer's attendance page: each person's form (three buttons) is sent without reloading; the answer goes to
// the live region and the person's line shows the new status. Without this script each tap posts the form.
document.addEventListener('DOMContentLoaded', () => {
  const list = document.querySelector('[data-attendance]');
  if (!list) return;
  const live = document.getElementById('attendance-status');
  list.querySelectorAll('form.choices').forEach((form) => {
    form.addEventListener('submit', async (event) => {
      const button = event.submitter;
      if (!button || !window.fetch) return;
      event.preventDefault();
      const body = new URLSearchParams(new FormData(form));
      body.set('status', button.value);
      const buttons = form.querySelectorAll('button');
      buttons.forEach((b) => { b.disabled = true; });
      try {
        const response = await fetch(form.action, {
          method: 'POST', body, credentials: 'same-origin',
          headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        });
        if (!(response.headers.get('Content-Type') || '').includes('application/json')) {
          // Signed out meanwhile (the login page came back): reloading leads to the login, then here again.
          window.location.reload();
          return;
        }
        const answer = await response.json();
        if (response.ok) {
          buttons.forEach((b) => {
            const on = b.value === answer.status;
            b.setAttribute('aria-pressed', on ? 'true' : 'false');
            b.classList.toggle('secondary', !on);
          });
          const current = form.closest('li').querySelector('[data-current]');
          if (current) current.textContent = answer.label;
          live.className = 'saved';
          live.textContent = form.dataset.name + ' : ' + answer.label.toLowerCase() + ' (enregistré).';
        } else {
          live.className = 'alert';
          live.textContent = answer.message || 'Échec de l\u2019enregistrement.';
        }
      } catch (e) {
        live.className = 'alert';
        live.textContent = 'Le serveur ne répond pas : vérifiez la connexion et réessayez.';
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    });
  });
  list.dataset.ready = 'true';
});

// Donation form (inventory/intake.jte): the new donor's fields only while "Nouveau donateur" is chosen, and more
// machine rows added in place, numbered on; without JavaScript the fields stay and the button asks the server.
document.addEventListener('DOMContentLoaded', () => {
  const donor = document.getElementById('donorId');
  const fields = document.querySelector('[data-new-donor]');
  if (donor && fields) {
    const show = () => { fields.hidden = donor.value !== 'new'; };
    donor.addEventListener('change', show);
    show();
  }
  const add = document.querySelector('button[data-add-rows]');
  const rows = document.querySelector('[data-rows]');
  if (!add || !rows) return;
  add.addEventListener('click', (event) => {
    event.preventDefault();
    const last = rows.querySelector('[data-row]:last-of-type');
    let next = Number(last.dataset.row) + 1;
    let first = null;
    for (let n = 0; n < Number(add.dataset.addRows); n++, next++) {
      const row = last.cloneNode(true);
      row.dataset.row = String(next);
      row.querySelectorAll('.field-error').forEach((e) => e.remove());
      row.querySelectorAll('[id], [for], [name]').forEach((e) => {
        ['id', 'for', 'name'].forEach((a) => {
          const v = e.getAttribute(a);
          if (v) e.setAttribute(a, v.replace(/machines\[\d+\]/, 'machines[' + next + ']'));
        });
        if (e.tagName === 'LABEL') e.textContent = e.textContent.replace(/n° \d+/, 'n° ' + (next + 1));
        if (e.tagName === 'INPUT') e.value = '';
        if (e.tagName === 'SELECT') e.selectedIndex = 0;
        e.removeAttribute('aria-invalid');
        e.removeAttribute('aria-describedby');
      });
      rows.appendChild(row);
      if (!first) first = row;
    }
    // The place is kept: the first new row's first field takes the focus.
    const field = first && first.querySelector('select, input');
    if (field) field.focus();
  });
});
