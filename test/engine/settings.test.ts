import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../shared/settings';

describe('settings', () => {
  it('fall back to the defaults for missing or malformed values', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: 'yes', run: 'sometimes', severityOverrides: [{ rule: 'x' }, 'y'], editorFeatures: 'maybe', workspaceScan: { exclude: ['a/**', 3] } }), {
      ...DEFAULT_SETTINGS,
      workspaceScan: { enable: true, exclude: ['a/**'] },
    });
  });

  it('keep well-formed values', () => {
    const settings = normalizeSettings({
      enable: false,
      run: 'onSave',
      severityOverrides: [{ rule: 'pinning', severity: 'off' }],
      registryLookups: false,
      editorFeatures: 'off',
      workspaceScan: { enable: false },
    });
    assert.equal(settings.enable, false);
    assert.equal(settings.run, 'onSave');
    assert.deepEqual(settings.severityOverrides, [{ rule: 'pinning', severity: 'off' }]);
    assert.equal(settings.registryLookups, false);
    assert.equal(settings.editorFeatures, 'off');
    assert.equal(settings.workspaceScan.enable, false);
  });
});
