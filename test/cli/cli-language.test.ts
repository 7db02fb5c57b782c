// The command line speaks the newsroom's language: DATELINE_LANG, else the site's, else the environment's, else
// English; and under the pseudo-locale every word of its help and its errors shows it came from a catalogue.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';
import { runCli } from '../support/processes.ts';
import { createUser } from '../../src/modules/people/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';

// The letters the pseudo-locale writes instead of plain ones (src/platform/i18n/pseudo.ts).
const PSEUDO = /[åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ]/;

for (const dialect of dialects) {
  describe(`the dateline command's language on ${dialect}`, () => {
    let db: TestDb;
    // No language from the machine running the tests: each case sets the one it means.
    let base: Record<string, string>;
    before(async () => {
      db = await createTestDb(dialect);
      base = {
        ...db.env,
        ...(db.searchPath ? { PGOPTIONS: `-c search_path=${db.searchPath}` } : {}),
        DATELINE_LANG: '',
        LC_ALL: '',
        LC_MESSAGES: '',
        LANG: 'C.UTF-8',
      };
    });
    after(() => db.drop());

    it('speaks Spanish with DATELINE_LANG=es: progress, success and error lines', async () => {
      const es = { ...base, DATELINE_LANG: 'es' };
      const first = await runCli(['migrate'], es);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^Aplicadas: 2026-11-28-core/);
      const again = await runCli(['migrate'], es);
      assert.equal(again.stdout, 'La base de datos está al día.\n');

      const created = await runCli(
        ['user', 'create', '--email', 'editora@news.test', '--name', 'Edna Editora', '--role', 'editor'],
        es,
        'una frase secreta larga\n',
      );
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /^Cuenta creada: Edna Editora <editora@news\.test>, con el rol /);
      const none = await runCli(['token', 'list', '--email', 'editora@news.test'], es);
      assert.equal(none.stdout, 'editora@news.test no tiene tokens de API.\n');

      const refusals: [string[], string, RegExp][] = [
        // The command's own checks, with the help after them in Spanish.
        [
          ['user', 'create', '--email', 'x@news.test', '--name', 'X'],
          '',
          /^dateline: A user create le falta --role\n\nUso: dateline <orden>\n\nÓrdenes:\n/,
        ],
        [['export', 'json', '--pretty'], '', /^dateline: Opción desconocida: «--pretty»\n/],
        [['token', 'create', '--email'], '', /^dateline: A la opción «--email» le falta su valor\n/],
        [['publish', 'everything'], '', /^dateline: orden desconocida «publish everything»\n/],
        // Refusals of the services, worded by the catalogue's errors.<code>.
        [
          ['user', 'create', '--email', 'x@news.test', '--name', 'X', '--role', 'king'],
          'una frase secreta larga',
          /^dateline: El rol debe ser uno de estos: admin, editor, author, contributor, moderator\.\n$/,
        ],
        [
          ['user', 'create', '--email', 'editora@news.test', '--name', 'Otra', '--role', 'admin'],
          'una frase secreta larga',
          /^dateline: Ya existe una cuenta con el correo editora@news\.test\.\n$/,
        ],
        [
          ['user', 'create', '--email', 'y@news.test', '--name', 'Y', '--role', 'admin'],
          'corta',
          /^dateline: La contraseña debe tener/,
        ],
        [
          ['token', 'create', '--email', 'editora@news.test', '--expires-in', '2w'],
          '',
          /^dateline: La vigencia del token debe ser un número entero de días u horas, como 90d o 12h, de 1h a \d+d \(se recibió «2w»\)\.\n$/,
        ],
        [
          ['import', 'json', 'no-such-backup.json'],
          '',
          /^dateline: El archivo no-such-backup\.json no existe o no es un archivo\.\n$/,
        ],
      ];
      for (const [args, stdin, message] of refusals) {
        const res = await runCli(args, es, stdin);
        assert.equal(res.code, 1, `${args.join(' ')}: ${res.stdout}`);
        assert.match(res.stderr, message);
        assert.doesNotMatch(res.stderr, /\n\s+at /);
      }
    });

    it("follows the environment's language (LANG=es_ES.UTF-8) while neither DATELINE_LANG nor the site chose", async () => {
      const env = { ...base, LANG: 'es_ES.UTF-8' };
      const help = await runCli(['help'], env);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Uso: dateline <orden>\n/);
      assert.match(help.stdout, /\n {2}migrate {2,}aplica las migraciones pendientes de la base de datos\n/);
      const wrong = await runCli(['token', 'revoke'], env);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /^dateline: token revoke necesita un ID de token \(véase token list\)\n\nUso:/);
      // LC_ALL outranks LANG, as the C library has it; an unknown language speaks English.
      const english = await runCli(['token', 'revoke'], { ...env, LC_ALL: 'en_GB.UTF-8' });
      assert.match(english.stderr, /^dateline: token revoke needs one token ID/);
      const unknown = await runCli(['token', 'revoke'], { ...base, DATELINE_LANG: 'tlh' });
      assert.match(unknown.stderr, /^dateline: token revoke needs one token ID/);
    });

    it("speaks the site's language once the command opens the database, unless DATELINE_LANG says otherwise", async () => {
      await runCli(['migrate'], base);
      const { deps } = await createTestDeps(db);
      try {
        await updateSettings(deps, { language: 'es' });
        // Someone to list the (absent) tokens of.
        await createUser(deps, { email: 'nadie@news.test', name: 'Nadie', role: 'author' });
      } finally {
        await deps.close();
      }
      const site = await runCli(['token', 'list', '--email', 'nadie@news.test'], base);
      assert.equal(site.stdout, 'nadie@news.test no tiene tokens de API.\n');
      const chosen = await runCli(['token', 'list', '--email', 'nadie@news.test'], { ...base, DATELINE_LANG: 'en' });
      assert.equal(chosen.stdout, 'nadie@news.test has no API tokens.\n');
      const refused = await runCli(['import', 'json', 'missing.json'], base);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^dateline: El archivo missing\.json no existe/);
      const { deps: again } = await createTestDeps(db);
      try {
        await updateSettings(again, { language: 'en' });
      } finally {
        await again.close();
      }
    });

    it('leaves no line of the help or of an error untranslated under the pseudo-locale (en-XA)', async () => {
      const pseudo = { ...base, DATELINE_LANG: 'en-XA' };
      const outputs: [string, string][] = [];
      const help = await runCli(['help'], pseudo);
      assert.equal(help.code, 0);
      outputs.push(['help', help.stdout]);
      for (const args of [
        ['token', 'list'],
        ['export', 'json', '--pretty'],
        ['export', 'static', 'out', '--base-url', 'ftp://mirror.example.org/'],
        ['privacy', 'erase', '--email', 'a@example.org'],
        ['token', 'create', '--email', 'x@news.test', '--expires-in', '0d'],
        ['import', 'json', 'missing.json'],
        ['publish'],
      ]) {
        const res = await runCli(args, pseudo);
        assert.equal(res.code, 1, args.join(' '));
        assert.equal(res.stdout, '');
        outputs.push([args.join(' '), res.stderr]);
      }
      for (const [command, text] of outputs) {
        const lines = text.split('\n').filter((line) => line.trim() !== '');
        assert.ok(lines.length > 0, command);
        for (const line of lines) assert.match(line, PSEUDO, `${command}: a line not from a catalogue: ${line}`);
      }
    });
  });
}
