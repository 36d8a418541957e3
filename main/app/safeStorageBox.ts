/**
 * Camera passwords sealed by the OS keychain through Electron's safeStorage. On Linux the
 * `basic_text` backend is a hard-coded key, i.e. no protection: it is refused, loudly.
 */
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../store/secretBox.js';

const PREFIX = 'safe1:';

export function safeStorageSecretBox(safeStorage: SafeStorage): SecretBox {
  const usable = () => {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('OS secret storage is not available');
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new Error('OS secret storage is basic_text (no keyring): refusing to store camera passwords');
    }
  };
  return {
    seal(plain) {
      usable();
      return PREFIX + safeStorage.encryptString(plain).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not sealed by this console');
      return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
    },
  };
}
