import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      '.stryker-tmp/**',
      'reports/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', '*.mjs', '*.js'],
    languageOptions: { globals: globals.node }
  },
  {
    // Dependency direction is law: shared is the universal leaf.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'express', 'react', 'react-dom', 'better-sqlite3'],
              message: 'src/shared must stay universal (no Node, Electron, express or React).'
            },
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'src/shared must not import main or renderer.'
            }
          ]
        }
      ]
    }
  },
  {
    // Only src/main/index.ts and src/main/electron/** may value-import electron.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The engine must run without Electron.',
              allowTypeImports: true
            }
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'main must not import the renderer.' }]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'express', 'better-sqlite3'],
              message: 'The renderer is a web app.'
            },
            {
              group: ['**/main/**'],
              message: 'The renderer talks to the engine only through the control API.'
            }
          ]
        }
      ]
    }
  }
)
