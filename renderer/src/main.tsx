/**
 * Renderer entry: picks the API transport (Electron bridge or the loopback web host, token from
 * the URL hash), sets up i18n (zh-CN first) and renders the app with the client in a context.
 */
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createDefaultClient } from './lib/api-client';
import { ApiContext } from './state/api-context';
import { applyDocumentLanguage, createI18n } from './i18n';
import { App } from './App';
import './styles.css';

const client = createDefaultClient(window);
const i18n = createI18n('zh-CN');
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ApiContext.Provider value={client}>
          <App />
        </ApiContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}
