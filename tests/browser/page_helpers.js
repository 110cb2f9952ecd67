// Helpers that run in a JupyterLab or Voilà page (both use JupyterLab's output-area markup).
// browser_harness.py evaluates this function once per document; it defines window.__sigmoidLab.
() => {
  if (window.__sigmoidLab) return;
  const CONTROLS = '.widget-slider, .widget-dropdown, .widget-checkbox, .widget-toggle-buttons, .widget-radio';
  const KINDS = [
    ['widget-slider', 'slider'], ['widget-dropdown', 'dropdown'], ['widget-checkbox', 'checkbox'],
    ['widget-toggle-buttons', 'toggle buttons'], ['widget-radio', 'radio buttons'],
  ];
  const kindOf = (el) => KINDS.find(([css]) => el.classList.contains(css))[1];
  const FIGURES = '.jupyter-matplotlib-canvas-div, .jp-OutputArea-output img';
  const WIDGET_AS_TEXT = new RegExp(
    '^(?:[A-Za-z_]\\w*\\((?:children|value|layout|options|description|toolbar|outputs|index|figure)=' +
    '|<Figure size \\d+(?:\\.\\d+)?x\\d+(?:\\.\\d+)? with \\d+ Axes>)');
  const ERROR_TEXT = /There was an error when executing cell|Traceback \(most recent call last\)|^[A-Za-z_][\w.]*(?:Error|Exception)\b/m;

  const hash = (text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16) + '/' + text.length;
  };
  const outermostOutput = (el) => {
    let out = el.closest('.jp-OutputArea-output');
    while (out && out.parentElement && out.parentElement.closest('.jp-OutputArea-output')) {
      out = out.parentElement.closest('.jp-OutputArea-output');
    }
    return out;
  };
  const cells = () => [...document.querySelectorAll('.jp-Cell')];
  const where = (el) => {
    const cell = el.closest('.jp-Cell');
    if (!cell) return 'the page';
    const prompt = cell.querySelector('.jp-InputPrompt');
    const label = prompt ? prompt.innerText.trim().replace(/:$/, '') : '';
    const count = label ? ' ' + label : '';
    return 'cell ' + (cells().indexOf(cell) + 1) + count;
  };
  const lastLine = (text) => {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    return lines.length ? lines[lines.length - 1].slice(0, 200) : '';
  };
  const mainCanvas = (fig) => fig.querySelector('canvas');
  const isBlank = (canvas) => {
    if (!canvas || !canvas.width || !canvas.height) return true;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i] !== 0) return false;
    return true;
  };
  const figureFingerprint = (fig) => fig.tagName === 'IMG'
    ? 'img:' + hash(fig.currentSrc || fig.src || '') + (fig.complete ? '' : ':loading')
    : 'canvas:' + hash(mainCanvas(fig).toDataURL());
  const figuresOf = (control) => {
    const stop = outermostOutput(control);
    for (let el = control.parentElement; el; el = el.parentElement) {
      const found = [...el.querySelectorAll(FIGURES)];
      if (found.length) return found;
      if (el === stop) break;
    }
    return [];
  };
  const control = (id) => document.querySelector('[data-sl-control="' + id + '"]');
  const valueOf = (el) => {
    switch (kindOf(el)) {
      case 'slider':
        return [...el.querySelectorAll('.noUi-handle')]
          .map((h) => h.getAttribute('aria-valuenow')).join(',');
      case 'dropdown': return el.querySelector('select').value;
      case 'checkbox': return String(el.querySelector('input').checked);
      case 'toggle buttons':
        return [...el.querySelectorAll('button')].findIndex((b) => b.classList.contains('mod-active'));
      default:
        return [...el.querySelectorAll('input')].findIndex((i) => i.checked);
    }
  };
  const isDisabled = (el) => !!el.querySelector('[disabled], .noUi-target[disabled]');

  window.__sigmoidLab = {
    hash,
    isBlank,
    // Number every control in page order and describe it.
    tagControls() {
      return [...document.querySelectorAll(CONTROLS)].map((el, id) => {
        el.setAttribute('data-sl-control', String(id));
        const label = el.querySelector('.widget-label');
        const select = el.querySelector('select');
        return {
          id,
          kind: kindOf(el),
          label: label ? label.innerText.trim() : '',
          where: where(el),
          value: valueOf(el),
          options: select ? select.options.length : el.querySelectorAll('button, input').length,
          figures: figuresOf(el).length,
        };
      });
    },
    disabled(id) {
      return isDisabled(control(id));
    },
    value(id) {
      const el = control(id);
      return el ? valueOf(el) : null;
    },
    // Error tracebacks shown inside the widget that holds control `id` (its error area)
    // since the last call with `markSeen` (a re-raised error is a new element each time).
    newWidgetErrors(id, markSeen) {
      const out = outermostOutput(control(id));
      if (!out) return [];
      const stderr = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';
      const fresh = [...out.querySelectorAll(stderr)]
        .filter((o) => !o.hasAttribute('data-sl-seen') && ERROR_TEXT.test(o.innerText || ''));
      if (markSeen) fresh.forEach((o) => o.setAttribute('data-sl-seen', ''));
      return fresh.map((o) => lastLine(o.innerText));
    },
    figureState(id) {
      const figs = figuresOf(control(id));
      return { count: figs.length, hash: figs.map(figureFingerprint).join('|') };
    },
    // Number the outermost outputs that hold a widget, for element screenshots.
    tagWidgetOutputs() {
      const outs = new Set();
      document.querySelectorAll(CONTROLS + ', .jupyter-matplotlib-figure').forEach((el) => {
        const out = outermostOutput(el);
        if (out) outs.add(out);
      });
      return [...outs].map((out, i) => { out.setAttribute('data-sl-widget', String(i)); return i; });
    },
    undrawnFigures() {
      return [...document.querySelectorAll('.jupyter-matplotlib-canvas-div')]
        .filter((fig) => isBlank(mainCanvas(fig))).map(where);
    },
    pendingText() {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue.includes('Loading widget...')) found.push(where(node.parentElement));
      }
      return found;
    },
    // What a learner would call broken, read from the rendered page.
    scan(topLevelErrors) {
      const problems = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue;
        if (text.includes('Error displaying widget')) {
          problems.push(where(node.parentElement) + ': "' + text.trim().slice(0, 200) + '"');
        }
        if (text.includes('Loading widget...')) {
          problems.push(where(node.parentElement) + ': stuck at "Loading widget..."');
        }
      }
      document.querySelectorAll('.jupyter-widgets-error-widget').forEach((el) => {
        const view = el.parentElement;
        // The broken-widget icon reveals its JavaScript error when clicked: the message
        // comes second, under a line about the browser console.
        view.click();
        const lines = (view.innerText || '').split('\n').map((l) => l.trim()).filter(Boolean);
        const message = (lines[0] || '').startsWith('[Open Browser Console') ? lines[1] : lines[0];
        problems.push(where(view) + ': a widget could not be displayed: ' + (message || '').slice(0, 200));
      });
      document.querySelectorAll('.jp-OutputArea-output').forEach((out) => {
        const mime = out.getAttribute('data-mime-type');
        const nested = !!(out.parentElement && out.parentElement.closest('.jp-OutputArea-output'));
        const text = (out.innerText || '').trim();
        if (mime === 'application/vnd.jupyter.stderr' && ERROR_TEXT.test(text)) {
          const cell = out.closest('.jp-Cell');
          const expected = cell && cell.classList.contains('celltag_raises-exception') && !nested;
          if (!expected && (nested || topLevelErrors)) {
            problems.push(where(out) + (nested ? ': error shown inside a widget: ' : ': error output: ') + lastLine(text));
          }
        }
        if (mime === 'text/plain' && WIDGET_AS_TEXT.test(text)) {
          problems.push(where(out) + ': a widget or figure is printed as text: ' + text.slice(0, 80));
        }
      });
      return problems;
    },
  };
}
