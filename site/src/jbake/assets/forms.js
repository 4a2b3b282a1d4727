/*
 * Fachkraftallianz – progressive enhancement for the forms (form[data-enhance]).
 *
 * Without this script every form still works: the browser posts it and the server answers with a page.
 * With it, the form is sent as JSON and the answer is shown in place:
 *   201 {reference, title, message}  -> a success panel replaces the form
 *   400 {errors: {field: message}}   -> the same error markup the server renders (FormHtml); input kept
 *   anything else, network failure   -> a message with a retry button in the form's status area; input kept
 * No framework, no inline handlers (CSP script-src 'self'); text is always set as text, never as HTML.
 */
(() => {
  'use strict';

  const GENERIC_FAILURE = 'Ihre Angaben konnten gerade nicht gesendet werden. Bitte prüfen Sie Ihre ' +
    'Internetverbindung und versuchen Sie es noch einmal. Ihre Eingaben bleiben erhalten.';
  const SUMMARY_TITLE = 'Bitte prüfen Sie Ihre Angaben';
  const SENDING = 'Ihre Angaben werden gesendet …';
  const RETRY = 'Erneut senden';
  const TIMEOUT_MS = 30000;

  const now = () => (window.performance && performance.now ? performance.now() : Date.now());
  const all = (root, selector) => Array.from(root.querySelectorAll(selector));

  /* ---------- Reading the form ---------- */

  /**
   * Field name -> value, as the server reads it: a string per field; an array of strings for a group of check
   * boxes (a name shared by several check boxes); nothing for an unticked single check box or an unanswered radio
   * group. The honeypot "homepage" is an ordinary text field and is sent like one; "_fill_ms" is the time since
   * the page loaded.
   */
  function collect(form, loadedAt) {
    const elements = Array.from(form.elements);
    const boxesPerName = {};
    for (const el of elements) {
      if (el.type === 'checkbox' && el.name) {
        boxesPerName[el.name] = (boxesPerName[el.name] || 0) + 1;
      }
    }
    const data = {};
    for (const el of elements) {
      if (!el.name || el.disabled) {
        continue;
      }
      switch (el.type) {
        case 'submit': case 'button': case 'reset': case 'image': case 'file': case 'fieldset':
          break;
        case 'checkbox':
          if (boxesPerName[el.name] > 1) {
            if (el.checked) {
              (data[el.name] = data[el.name] || []).push(el.value);
            }
          } else if (el.checked) {
            data[el.name] = el.value;
          }
          break;
        case 'radio':
          if (el.checked) {
            data[el.name] = el.value;
          }
          break;
        case 'select-multiple':
          data[el.name] = Array.from(el.selectedOptions, (o) => o.value);
          break;
        default:
          data[el.name] = el.value;
      }
    }
    data._fill_ms = Math.max(0, Math.round(now() - loadedAt));
    return data;
  }

  /* ---------- Small DOM helpers ---------- */

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  const paragraphs = (text) => String(text || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const idList = (value) => (value || '').split(/\s+/).filter(Boolean);

  function addDescribedBy(node, id) {
    const ids = idList(node.getAttribute('aria-describedby'));
    if (!ids.includes(id)) {
      ids.push(id);
    }
    node.setAttribute('aria-describedby', ids.join(' '));
  }

  function removeDescribedBy(node, id) {
    const ids = idList(node.getAttribute('aria-describedby')).filter((x) => x !== id);
    if (ids.length) {
      node.setAttribute('aria-describedby', ids.join(' '));
    } else {
      node.removeAttribute('aria-describedby');
    }
  }

  const controlsOf = (field) => all(field, 'input, select, textarea');
  const fieldName = (field) => field.id.replace(/^field-/, '');
  const fieldsOf = (form) => all(form, '.field[id^="field-"]');

  /* ---------- Field errors (the same markup as the server's FormHtml) ---------- */

  function clearErrors(form) {
    all(form, '.error-summary').forEach((summary) => summary.remove());
    for (const field of fieldsOf(form)) {
      const errorId = `f-${fieldName(field)}-error`;
      const message = field.querySelector('.field__error');
      if (message) {
        message.remove();
      }
      field.classList.remove('field--error');
      removeDescribedBy(field, errorId);
      for (const control of controlsOf(field)) {
        control.removeAttribute('aria-invalid');
        removeDescribedBy(control, errorId);
      }
    }
  }

  /** Marks one field as invalid; returns the id of the control a summary link should focus, or null. */
  function markField(form, name, message) {
    const field = fieldsOf(form).find((f) => fieldName(f) === name);
    if (!field) {
      return null;
    }
    const errorId = `f-${name}-error`;
    const error = el('p', 'field__error');
    error.id = errorId;
    error.append(el('span', 'visually-hidden', 'Fehler:'), ` ${message}`);
    // Order as on the server: label (or legend), hint, error, control(s).
    const before = field.querySelector(':scope > .field__hint') || field.querySelector(':scope > .field__label');
    if (before) {
      before.after(error);
    } else {
      field.prepend(error);
    }
    field.classList.add('field--error');
    const controls = controlsOf(field);
    // A group of choices is described on its fieldset; a single control on the control itself.
    const describeGroup = field.tagName === 'FIELDSET';
    if (describeGroup) {
      addDescribedBy(field, errorId);
    }
    for (const control of controls) {
      control.setAttribute('aria-invalid', 'true');
      if (!describeGroup) {
        addDescribedBy(control, errorId);
      }
    }
    return controls.length ? controls[0].id : null;
  }

  function showErrors(form, errors) {
    clearErrors(form);
    // The summary lists errors in the order of the fields on the page, as the server does.
    const order = fieldsOf(form).map(fieldName);
    const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
    const names = Object.keys(errors).sort((a, b) => rank(a) - rank(b));

    const summary = el('div', 'error-summary');
    summary.tabIndex = -1;
    summary.setAttribute('role', 'alert');
    summary.setAttribute('aria-labelledby', 'error-summary-title');
    const title = el('h2', 'error-summary__title', SUMMARY_TITLE);
    title.id = 'error-summary-title';
    const list = el('ul', 'error-summary__list');
    for (const name of names) {
      const message = String(errors[name]);
      const target = markField(form, name, message);
      const item = el('li');
      if (target) {
        const link = el('a', null, message);
        link.href = `#${target}`;
        item.append(link);
      } else {
        item.textContent = message;
      }
      list.append(item);
    }
    summary.append(title, list);
    form.prepend(summary);
    summary.focus();
  }

  /** A summary link moves the focus to its field and scrolls the field's label or legend into view with it. */
  function onSummaryClick(event) {
    const link = event.target.closest('.error-summary a[href^="#"]');
    if (!link) {
      return;
    }
    const target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target) {
      return;
    }
    event.preventDefault();
    const field = target.closest('.field');
    const label = field && field.querySelector('.field__label');
    (label || target).scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }

  /* ---------- Status area and success panel ---------- */

  function setStatus(form, node) {
    let status = form.querySelector('.form__status');
    if (!status) {
      status = el('div', 'form__status');
      status.setAttribute('aria-live', 'polite');
      form.append(status);
    }
    status.replaceChildren(...(node ? [node] : []));
  }

  function showFailure(form, message, retry) {
    const notice = el('div', 'notice notice--error');
    notice.setAttribute('role', 'alert');
    for (const p of paragraphs(message || GENERIC_FAILURE)) {
      notice.append(el('p', null, p));
    }
    const button = el('button', 'button button--secondary', RETRY);
    button.type = 'button';
    button.addEventListener('click', retry);
    notice.append(button);
    setStatus(form, notice);
    // Disabling the submit button may have dropped the focus to the page; give it a sensible place again.
    if (!document.activeElement || document.activeElement === document.body) {
      button.focus();
    }
  }

  function showSuccess(form, answer) {
    const panel = el('div', 'success-panel');
    panel.tabIndex = -1;
    panel.setAttribute('role', 'status');
    panel.append(el('h2', 'success-panel__title', answer.title || 'Vielen Dank'));
    const reference = el('p', 'success-panel__reference', 'Ihre Vorgangsnummer:');
    reference.append(el('br'), el('strong', 'reference', answer.reference));
    panel.append(reference);
    for (const p of paragraphs(answer.message)) {
      panel.append(el('p', null, p));
    }
    form.replaceWith(panel);
    if (answer.title) {
      // "<page title> – Fachkraftallianz" becomes "<thank-you title> – Fachkraftallianz".
      document.title = document.title.replace(/^.*?(\s–\s[^–]*)$/, (match, site) => answer.title + site);
    }
    panel.focus();
  }

  /* ---------- Sending ---------- */

  async function readJson(response) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }

  function enhance(form) {
    const loadedAt = now();
    let sending = false;

    const retry = () => {
      if (typeof form.requestSubmit === 'function') {
        form.requestSubmit(); // the browser validates again, then the submit handler sends
      } else {
        send();
      }
    };

    async function send() {
      if (sending) {
        return;
      }
      sending = true;
      const buttons = all(form, 'button[type="submit"], button:not([type])');
      buttons.forEach((b) => { b.disabled = true; });
      form.setAttribute('aria-busy', 'true');
      setStatus(form, el('p', 'notice', SENDING));

      const controller = typeof AbortController === 'function' ? new AbortController() : null;
      const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : null;
      let succeeded = false;
      try {
        const response = await fetch(form.getAttribute('action'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(collect(form, loadedAt)),
          credentials: 'same-origin',
          signal: controller ? controller.signal : undefined,
        });
        const answer = await readJson(response);
        if (response.ok && answer && answer.reference) {
          succeeded = true;
          showSuccess(form, answer);
        } else if (response.status === 400 && answer && answer.errors && Object.keys(answer.errors).length) {
          setStatus(form, null);
          showErrors(form, answer.errors);
        } else {
          clearErrors(form); // this answer replaces the field errors of an earlier one
          showFailure(form, answer && typeof answer.message === 'string' ? answer.message : null, retry);
        }
      } catch (e) {
        showFailure(form, null, retry);
      } finally {
        if (timer) {
          clearTimeout(timer);
        }
        sending = false;
        if (!succeeded) {
          form.removeAttribute('aria-busy');
          buttons.forEach((b) => { b.disabled = false; });
        }
      }
    }

    // The submit event only fires once the browser's own validation has passed.
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send();
    });
    form.addEventListener('click', onSummaryClick);

    // A form the server sent back with errors (plain HTML submission): start at its summary.
    const summary = form.querySelector('.error-summary');
    if (summary) {
      summary.focus();
    }
  }

  all(document, 'form[data-enhance]').forEach(enhance);
})();
