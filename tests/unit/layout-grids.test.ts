// The page grid presets in styles/grids.yaml: the three newspaper sizes Broadsheet prints, and the engine reads them as written.
import { describe, expect, it } from 'vitest';
import { gridCss, loadGrids } from '../../src/layout/grid.ts';
import { bottomMarginY, columnLefts, columnWidth, gridsFile, millimetres, readGridPresets, spanWidth } from '../helpers/layout-grid.ts';

const presets = readGridPresets();

describe('styles/grids.yaml', () => {
  it.each([
    ['zh-broadsheet', 8, 390, 545],
    ['berliner', 6, 315, 470],
    ['tabloid', 5, 280, 430],
  ])('has the %s grid: %i columns on a %i × %i mm trim', (name, columns, width, height) => {
    const preset = presets.get(name);
    expect(preset, `${name} is in grids.yaml`).toBeDefined();
    expect(preset?.columns).toBe(columns);
    expect(preset?.trim).toEqual({ width, height });
  });

  it.each([...presets.keys()])('%s: columns, gutters and margins add up to the trim width', (name) => {
    const preset = presets.get(name);
    if (!preset) throw new Error(name);
    expect(columnWidth(preset)).toBeGreaterThan(30);
    const right = (columnLefts(preset).at(-1) ?? 0) + columnWidth(preset);
    expect(right + preset.margins.outside).toBeCloseTo(preset.trim.width, 6);
    expect(spanWidth(preset, preset.columns)).toBeCloseTo(preset.trim.width - preset.margins.inside - preset.margins.outside, 6);
    expect(bottomMarginY(preset)).toBeLessThan(preset.trim.height);
  });

  it.each([...presets.keys()])('%s is resolved by the engine exactly as written', async (name) => {
    const preset = presets.get(name);
    const grid = (await loadGrids(gridsFile)).get(name);
    if (!grid) throw new Error(name);
    expect(grid.columns).toBe(preset?.columns);
    expect(grid.trim).toEqual(preset?.trim);
    expect(grid.margins).toEqual(preset?.margins);
    expect(grid.gutter).toBeCloseTo(preset?.gutter ?? Number.NaN, 6);
    expect(grid.body.size).toBeCloseTo(preset?.body.size ?? Number.NaN, 2);
    expect(grid.body.leading).toBeCloseTo(preset?.body.leading ?? Number.NaN, 2);
    expect(gridCss(grid)).toContain(`@page { size: ${preset?.trim.width}mm ${preset?.trim.height}mm;`);
  });

  it('reads lengths in mm and pt', () => {
    expect(millimetres('12mm')).toBe(12);
    expect(millimetres('72pt')).toBeCloseTo(25.4, 9);
    expect(() => millimetres('12')).toThrow();
  });
});
