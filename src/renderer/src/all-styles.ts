/**
 * Mantine's whole style sheet, for every screen but the first. Loaded with the first other screen
 * (each lazy route waits for it) and warmed when the first screen is idle. It repeats the rules
 * of first-screen.css; repeated identical rules change nothing.
 * @module
 */
import '@mantine/core/styles.css'
