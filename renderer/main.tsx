import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { NoToken } from './app/NoToken';
import { initI18n } from './i18n';
import { createStores } from './state/createStores';
import { StoresContext } from './state/hooks';
import './styles/app.css';
import './styles/forms.css';
import './styles/status.css';
import './styles/tables.css';
import { chooseTransport } from './transport';

initI18n();

const transport = chooseTransport();
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');

createRoot(rootElement).render(
  <StrictMode>
    {transport.kind === 'ready' ? (
      <StoresContext.Provider value={createStores(transport.api, transport.link)}>
        <App />
      </StoresContext.Provider>
    ) : (
      <NoToken />
    )}
  </StrictMode>,
);
