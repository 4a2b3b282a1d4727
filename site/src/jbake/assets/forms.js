/*
 * Fachkraftallianz – progressive enhancement for the forms (form[data-enhance]).
 *
 * Without this script every form works: the browser posts it and the server answers with a page (the form again
 * with its errors, the review of the answers, the confirmation). With it, the script sends the same request itself
 * (with the button that was pressed) and swaps the page's main content for the one the server answered with, so the
 * visitor stays on the page and nothing reloads. The server renders every state: there is one renderer, and this
 * script never builds error markup of its own. Only when no answer arrives at all (network failure, time-out) or the
 * answer has no form to show does it add a short notice with a retry button, leaving everything typed in place.
 * It also shows a conditional question only when the answer it depends on is chosen (without the script every
 * question is shown, with a note when to answer it), and offers a print button next to the answers.
 * No framework, no inline handlers (CSP script-src 'self'); text is always set as text, never as HTML.
 */
(() => {
  'use strict';

  const GENERIC_FAILURE = 'Ihre Angaben konnten gerade nicht gesendet werden. Bitte prüfen Sie Ihre ' +
    'Internetverbindung und versuchen Sie es noch einmal. Ihre Eingaben bleiben erhalten.';
  const SENDING = 'Ihre Angaben werden gesendet …';
  const RETRY = 'Erneut senden';
  const TIMEOUT_MS = 30000;

  const now = () => (window.performance && performance.now ? performance.now() : Date.now());
  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  const loadedAt = now();

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

  /** The form's fields as the browser would post them (with the pressed button), plus the time since loading. */
  function body(form, submitter) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      params.append(name, typeof value === 'string' ? value : '');
    }
    if (submitter && submitter.name) {
      params.append(submitter.name, submitter.value);
    }
    if (form.dataset.fillTime) {
      params.set(form.dataset.fillTime, String(Math.max(0, Math.round(now() - loadedAt))));
    }
    return params;
  }

  function setStatus(form, node) {
    let status = form.querySelector('.form__status');
    if (!status) {
      status = el('div', 'form__status');
      status.setAttribute('aria-live', 'polite');
      form.append(status);
    }
    status.replaceChildren(...(node ? [node] : []));
  }

  /** A notice in the form's status area with a retry button; the form and its input stay as they are. */
  function showFailure(form, paragraphs, retry) {
    const notice = el('div', 'notice notice--error');
    notice.setAttribute('role', 'alert');
    for (const text of paragraphs.length ? paragraphs : [GENERIC_FAILURE]) {
      notice.append(el('p', null, text));
    }
    const button = el('button', 'button button--secondary', RETRY);
    button.type = 'button';
    button.addEventListener('click', retry);
    notice.append(button);
    setStatus(form, notice);
    if (!document.activeElement || document.activeElement === document.body) {
      button.focus();
    }
  }

  /**
   * Replaces the page's main content with the server's and moves the focus where a reader should start: the error
   * summary, else the field the answer was asked for (the fragment of the button's formaction), else the heading.
   */
  function swapIn(page, fragment) {
    const main = document.querySelector('main');
    const next = page.querySelector('main');
    main.replaceChildren(...Array.from(next.childNodes, (node) => document.importNode(node, true)));
    document.title = page.title;
    enhanceAll(main);
    const target = fragment && document.getElementById(fragment.slice(1));
    if (target && !main.querySelector('.error-summary')) {
      const field = target.closest('.field');
      const label = field && field.querySelector('.field__label');
      (label || target).scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
      return;
    }
    const start = main.querySelector('.error-summary') || main.querySelector('h1');
    if (start) {
      if (!start.hasAttribute('tabindex')) {
        start.setAttribute('tabindex', '-1');
      }
      start.focus();
      start.scrollIntoView({ block: 'start' });
    }
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

  function enhance(form) {
    let sending = false;

    async function send(submitter) {
      if (sending) {
        return;
      }
      const action = (submitter && submitter.getAttribute('formaction')) || form.getAttribute('action');
      const hash = action.indexOf('#');
      sending = true;
      const buttons = all(form, 'button[type="submit"], button:not([type])');
      buttons.forEach((b) => { b.disabled = true; });
      form.setAttribute('aria-busy', 'true');
      setStatus(form, el('p', 'notice', SENDING));

      const controller = typeof AbortController === 'function' ? new AbortController() : null;
      const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : null;
      let swapped = false;
      try {
        const response = await fetch(hash < 0 ? action : action.slice(0, hash), {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
          body: body(form, submitter),
          credentials: 'same-origin',
          signal: controller ? controller.signal : undefined,
        });
        const type = response.headers.get('Content-Type') || '';
        const page = type.includes('text/html')
          ? new DOMParser().parseFromString(await response.text(), 'text/html') : null;
        const main = page && page.querySelector('main');
        if (main && (response.ok || main.querySelector('form[data-enhance]'))) {
          // The thank-you page, or the form again with its errors or a notice, everything typed filled in.
          swapped = true;
          swapIn(page, hash < 0 ? null : action.slice(hash));
        } else {
          // A message without a form (for example "too long"): keep this form and show the message next to it.
          const paragraphs = main ? all(main, 'h1, p').map((p) => p.textContent.trim()).filter(Boolean) : [];
          showFailure(form, paragraphs, () => send(submitter));
        }
      } catch (e) {
        showFailure(form, [], () => send(submitter));
      } finally {
        if (timer) {
          clearTimeout(timer);
        }
        sending = false;
        if (!swapped) {
          form.removeAttribute('aria-busy');
          buttons.forEach((b) => { b.disabled = false; });
        }
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send(event.submitter);
    });
    form.addEventListener('click', onSummaryClick);
    showConditionalQuestions(form);

    // A form the server sent back with errors (plain HTML submission): start at its summary.
    const summary = form.querySelector('.error-summary');
    if (summary) {
      summary.focus();
    }
  }

  /**
   * A question with data-show-if="<field>" data-show-if-values="a b" is shown only while that field has one of the
   * values; hidden, its inputs are disabled, so nothing of it is sent (the server ignores it anyway).
   */
  function showConditionalQuestions(form) {
    const conditional = all(form, '[data-show-if]');
    if (!conditional.length) {
      return;
    }
    const update = () => {
      for (const question of conditional) {
        const chosen = all(form, `[name="${question.dataset.showIf}"]`)
          .filter((c) => ((c.type === 'radio' || c.type === 'checkbox') ? c.checked : true))
          .map((c) => c.value);
        const wanted = question.dataset.showIfValues.split(' ');
        const show = chosen.some((value) => wanted.includes(value));
        question.hidden = !show;
        all(question, 'input, select, textarea').forEach((control) => { control.disabled = !show; });
      }
    };
    form.addEventListener('change', update);
    update();
  }

  /** The confirmation's print button: hidden without the script, which alone can open the print dialogue. */
  function enablePrinting(root) {
    all(root, 'button[data-print]').forEach((button) => {
      button.hidden = false;
      button.addEventListener('click', () => window.print());
    });
  }

  function enhanceAll(root) {
    all(root, 'form[data-enhance]').forEach(enhance);
    enablePrinting(root);
  }

  enhanceAll(document);
})();
