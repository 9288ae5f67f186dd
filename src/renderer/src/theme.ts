/**
 * The app's Mantine theme. Colour contrast is settled here, once, for every screen (WCAG 2.1 AA,
 * 4.5:1 for text): dimmed hint texts, coloured texts and filled controls use darker shades in
 * light and lighter ones in dark than Mantine's defaults, which measure 3.3:1 and 4.0:1.
 * @module
 */
import {
  Loader,
  createTheme,
  darken,
  type CSSVariablesResolver,
  type MantineColor
} from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  // indigo.8 under white text is 5.4:1 (the default shade 6 is 4.3:1).
  primaryShade: { light: 8, dark: 8 },
  // Filled badges and buttons of light colours (yellow, lime, teal) get dark text.
  autoContrast: true,
  // Short font stacks: the browser asks the system for each family it tries, in turn, on the
  // first layout (a round trip to the font service each); Mantine's default stacks name nine
  // families, most of which exist on one platform only. `system-ui` is each platform's UI font.
  fontFamily: 'system-ui, sans-serif',
  fontFamilyMonospace: 'ui-monospace, Menlo, Consolas, monospace',
  headings: { fontFamily: 'system-ui, sans-serif' },
  components: {
    // The active item's description is drawn at 90 % opacity by default, which costs contrast.
    // (A plain object, not `NavLink.extend`: only the Fire screen has NavLinks, and naming the
    // component here would put its code, with Collapse and Transition, in the entry chunk.)
    NavLink: { styles: { description: { opacity: 1 } } },
    // A loader is a live status: without the role its aria-label is a prohibited attribute (axe).
    Loader: Loader.extend({ defaultProps: { role: 'status' } })
  }
})

/**
 * Darker text shades in light, lighter in dark: `c="teal"` and the `light` variant's text then
 * meet 4.5:1 on the body and on the tinted backgrounds.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }
  const dark: Record<string, string> = { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' }
  for (const name of Object.keys(t.colors) as MantineColor[]) {
    if (name === 'dark' || name === 'gray') continue
    // Shade 9 of orange, yellow or red on its tint is still under 4.5:1: go a third darker.
    const deep = darken(t.colors[name]?.[9] ?? '#000', 0.35)
    light[`--mantine-color-${name}-text`] = deep
    light[`--mantine-color-${name}-light-color`] = deep
    dark[`--mantine-color-${name}-text`] = `var(--mantine-color-${name}-3)`
  }
  // Mantine merges these over its defaults.
  return { variables: {}, light, dark }
}
