/**
 * Start scripts and service configs in a build context that hand the service to another user:
 * the pattern of the official postgres and redis images (start as root to fix ownership, then
 * `exec gosu postgres …`) and of app servers configured to drop (`uid = www-data` in uwsgi.ini,
 * `user=app` in a supervisord program). The scan reads small files whose names say they start
 * something and keeps only the paths that drop, never their text. Nothing is executed.
 */
import { join, posix } from 'node:path';
import { readSmallText } from '../files/readChecked';

const MAX_BYTES = 64 * 1024;

/** A monorepo context can hold thousands of scripts; the ones an image starts are few. */
const MAX_FILES = 200;

/** Names of files that start a container's service, or configure the server it starts. */
const START_SCRIPT = /(^|[._-])(entrypoint|docker-entrypoint|start|run|boot|bootstrap|init|launch|serve|server|startup)([._-][\w.-]*)?(\.(sh|bash))?$|\.(sh|bash)$/i;
const SERVER_CONFIG = /(^|[._\/-])(uwsgi|supervisor|supervisord)([._\/-][\w.\/-]*)?\.(ini|conf)$/i;

/** A command that switches user before it runs the rest: gosu, su-exec, setpriv, runuser… */
const DROP_COMMAND = /(^|[\s;&|(`])(gosu|su-exec|setpriv|runuser|s6-setuidgid|setuidgid|chpst\s+-u|sudo\s+(-\S+\s+)*-u|su\s+(-\S+\s+)*[\w${}"'-]+\s+(-\S+\s+)*-c)\s/;
/**
 * A start program in Python or Node that drops itself: `os.setuid(…)`, `process.setuid(…)`, or a
 * helper named for it (Mailu's start.py calls `system.drop_privs_to('mailu')`).
 */
const DROP_CALL = /\b(os\.set(res)?uid|process\.setuid|drop_priv\w*|drop_privileges)\s*\(/;
/**
 * The user it drops to defaults to root (`PUID=${PUID:-0}`): it drops only where the operator
 * sets one, so by default the service runs as root (seen on homepage).
 */
const ROOT_BY_DEFAULT = /\b\w*(UID|USER)\w*=["']?(\$\{\w+:?-)?(0|root)\}?["']?(\s|;|$)/m;
/** uwsgi's `uid = www-data` (ini) and a supervisord program's `user=app`, other than root. */
const CONFIG_DROPS = /^\s*(uid|user)\s*=\s*(?!root\s*$|0\s*$)\S/m;

export function privilegeDroppers(root: string, entries: string[]): string[] {
  const { basename } = posix;
  const read = (entry: string) => readSmallText(join(root, entry), MAX_BYTES);
  const configs = entries.filter((e) => SERVER_CONFIG.test(e)).slice(0, MAX_FILES);
  const droppingConfigs = configs.filter((entry) => {
    const text = read(entry);
    return text !== null && CONFIG_DROPS.test(withoutComments(text));
  });
  const droppingNames = new Set(droppingConfigs.map((entry) => basename(entry)));
  // Named like a start script anywhere, or any shell or Python script at the top of the context
  // (Mailu's optional/fetchmail/fetchmail.py, which its Dockerfile starts as CMD).
  const scripts = entries.filter((e) => (START_SCRIPT.test(basename(e)) || (!e.includes('/') && /\.(sh|bash|py)$/.test(e))) && !SERVER_CONFIG.test(e)).slice(0, MAX_FILES);
  const droppingScripts = scripts.filter((entry) => {
    const text = read(entry);
    if (text === null) return false;
    const code = withoutComments(text);
    if (ROOT_BY_DEFAULT.test(code)) return false;
    // `exec uwsgi --ini uwsgi.ini`, `supervisord -c supervisord.conf`: the server drops, as its config says.
    return (
      DROP_COMMAND.test(code) ||
      DROP_CALL.test(code) ||
      code.split('\n').some((line) => /\b(uwsgi|supervisord)\b/.test(line) && line.split(/[\s=]+/).some((word) => droppingNames.has(basename(word.replace(/["']/g, '')))))
    );
  });
  return [...droppingScripts, ...droppingConfigs];
}

function withoutComments(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*[#;]/.test(line))
    .join('\n');
}
