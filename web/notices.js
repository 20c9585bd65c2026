// Short messages and the clipboard: the message at the bottom of the page (role=status,
// so screen readers say it too), copying text (the Clipboard API, or a selected
// textarea where that is refused), and the 対策 panel's export (copied, or saved as a
// file). app.js gives them to the parts that tell the reader something.
// @ts-check
'use strict';

window.DigestNotices = {
  create() {
    const toast = /** @type {HTMLElement} */ (document.getElementById('toast'));

    // The element stays in the page, only its text changes. `hold`: shown until the
    // next message (work in progress), else for 2.5 s (4 s when it reports a failure).
    let toastTimer = 0;
    function showToast(text, { hold = false, long = false } = {}) {
      toast.textContent = text;
      toast.classList.add('shown');
      clearTimeout(toastTimer);
      if (hold) return;
      toastTimer = setTimeout(
        () => {
          toast.classList.remove('shown');
          toast.textContent = '';
        },
        long ? 4000 : 2500,
      );
    }

    async function copyText(text) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        // Older or stricter contexts: a selected textarea and execCommand.
        const area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand('copy');
        area.remove();
        return ok;
      }
    }

    // The 対策 panel's export: copied (without the CSV's byte order mark), or saved as a file.
    async function exportActions({ text, to, name, mime }) {
      if (to === 'copy') {
        const ok = await copyText(text.replace(/^\uFEFF/, ''));
        showToast(ok ? '対策リストをコピーしました' : '対策リストをコピーできませんでした');
        return;
      }
      const url = URL.createObjectURL(new Blob([text], { type: mime }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      showToast(`対策リストを保存しました: ${name}`);
    }

    return { showToast, copyText, exportActions };
  },
};
