// The language the command line speaks to people. The rule, first that applies: DATELINE_LANG; else the site's
// language when the command opens the database; else the environment's (LC_ALL, LC_MESSAGES, LANG); else English.
// A language without a catalogue falls back to English (the translator's own rule).

/** A POSIX locale name (es_ES.UTF-8, pt_BR@euro) as a BCP 47 tag (es-ES); undefined for C, POSIX or a blank. */
export function tagOfLocale(locale: string | undefined): string | undefined {
  const name = locale?.trim().split(/[.@]/)[0];
  if (!name || name === 'C' || name === 'POSIX') return undefined;
  return name.replaceAll('_', '-');
}

/** The environment's language as the C library reads it: LC_ALL wins over LC_MESSAGES, which wins over LANG. */
export function environmentLanguage(env: NodeJS.ProcessEnv): string | undefined {
  // An empty variable counts as unset, and a C locale means "no language chosen" (C.UTF-8 on a bare server).
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    if (!env[name]) continue;
    return tagOfLocale(env[name]);
  }
  return undefined;
}

/** The language a command speaks: the explicit choice, the site's (when known), the environment's, or English. */
export function cliLanguage(env: NodeJS.ProcessEnv, siteLanguage?: string): string {
  const chosen = env.DATELINE_LANG?.trim();
  if (chosen) return chosen;
  return siteLanguage ?? environmentLanguage(env) ?? 'en';
}
