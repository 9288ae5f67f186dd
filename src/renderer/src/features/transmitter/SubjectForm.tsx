import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput
} from '@mantine/core'
import type { SubjectIssue } from '../../../../shared/ssf'
import {
  COMPLEX_MEMBER_LABELS,
  SIMPLE_FORMAT_FIELDS,
  TOP_LEVEL_FORMATS,
  emptySimple,
  type SimpleValues,
  type SubjectFormState
} from './subject-model'

const FORMAT_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SIMPLE_FORMAT_FIELDS).map(([k, v]) => [k, v.label])),
  aliases: 'Aliases (several identifiers of one subject)',
  complex: 'Complex (user, device, session, ...)'
}

const simpleOptions = Object.entries(SIMPLE_FORMAT_FIELDS).map(([value, v]) => ({
  value,
  label: `${v.label} (${value})`
}))

/** Issues by their path, e.g. `subject.user.email`. */
export type IssueMap = Map<string, string>

/** Index validation issues by path. */
export function issueMap(issues: readonly SubjectIssue[]): IssueMap {
  const map: IssueMap = new Map()
  for (const issue of issues) if (!map.has(issue.path)) map.set(issue.path, issue.message)
  return map
}

interface SimpleProps {
  value: SimpleValues
  onChange(value: SimpleValues): void
  path: string
  issues: IssueMap
  idPrefix: string
  withFormat?: boolean
}

function SimpleFields({ value, onChange, path, issues, idPrefix, withFormat }: SimpleProps) {
  const spec = SIMPLE_FORMAT_FIELDS[value.format]
  return (
    <SimpleGrid cols={{ base: 1, sm: withFormat ? 1 + (spec?.fields.length ?? 1) : 2 }}>
      {withFormat && (
        <Select
          label="Format"
          data={simpleOptions}
          value={value.format}
          allowDeselect={false}
          onChange={(format) => format && onChange({ format, values: {} })}
          data-testid={`${idPrefix}-format`}
        />
      )}
      {spec?.fields.map((field) => (
        <TextInput
          key={field.member}
          label={field.label}
          placeholder={field.placeholder}
          value={value.values[field.member] ?? ''}
          error={issues.get(`${path}.${field.member}`)}
          onChange={(e) =>
            onChange({
              ...value,
              values: { ...value.values, [field.member]: e.currentTarget.value }
            })
          }
          data-testid={`${idPrefix}-${field.member}`}
        />
      ))}
    </SimpleGrid>
  )
}

interface SubjectFormProps {
  value: SubjectFormState
  onChange(value: SubjectFormState): void
  /** Validation issues (paths start with `subject`), shown next to their fields. */
  issues: IssueMap
  testId?: string
}

/** Format-aware subject editor for every RFC 9493 format SSF uses, aliases and complex subjects. */
export function SubjectForm({ value, onChange, issues, testId = 'subject' }: SubjectFormProps) {
  const topIssue = issues.get('subject') ?? issues.get('subject.identifiers')
  return (
    <Stack gap="sm" data-testid={testId}>
      <Select
        label="Subject format"
        description="RFC 9493 subject identifier format"
        data={TOP_LEVEL_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] ?? f }))}
        value={value.format}
        allowDeselect={false}
        onChange={(format) => {
          if (!format) return
          const simple =
            format === 'aliases' || format === 'complex' ? value.simple : emptySimple(format)
          onChange({ ...value, format, simple })
        }}
        data-testid={`${testId}-format`}
      />
      {value.format !== 'aliases' && value.format !== 'complex' && (
        <SimpleFields
          value={{ ...value.simple, format: value.format }}
          onChange={(simple) => onChange({ ...value, simple })}
          path="subject"
          issues={issues}
          idPrefix={testId}
        />
      )}
      {value.format === 'aliases' && (
        <Stack gap="xs">
          {value.aliases.map((alias, i) => (
            <Fieldset key={i} legend={`Identifier ${i + 1}`} p="sm">
              <Group align="flex-end" wrap="nowrap">
                <div style={{ flex: 1 }}>
                  <SimpleFields
                    value={alias}
                    withFormat
                    onChange={(next) =>
                      onChange({
                        ...value,
                        aliases: value.aliases.map((a, j) => (j === i ? next : a))
                      })
                    }
                    path={`subject.identifiers[${i}]`}
                    issues={issues}
                    idPrefix={`${testId}-alias-${i}`}
                  />
                </div>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove identifier ${i + 1}`}
                  disabled={value.aliases.length <= 1}
                  onClick={() =>
                    onChange({ ...value, aliases: value.aliases.filter((_, j) => j !== i) })
                  }
                >
                  ✕
                </ActionIcon>
              </Group>
            </Fieldset>
          ))}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() =>
              onChange({ ...value, aliases: [...value.aliases, emptySimple('email')] })
            }
          >
            Add identifier
          </Button>
        </Stack>
      )}
      {value.format === 'complex' && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Pick the members this subject has; each is a simple identifier.
          </Text>
          {Object.entries(COMPLEX_MEMBER_LABELS).map(([member, label]) => {
            const m = value.complex[member] ?? { enabled: false, id: emptySimple('opaque') }
            const set = (next: typeof m) =>
              onChange({ ...value, complex: { ...value.complex, [member]: next } })
            const toggle = (
              <Checkbox
                label={`${label} (${member})`}
                checked={m.enabled}
                onChange={(e) => set({ ...m, enabled: e.currentTarget.checked })}
                data-testid={`${testId}-member-${member}`}
              />
            )
            if (!m.enabled) return <div key={member}>{toggle}</div>
            return (
              <Fieldset key={member} p="sm" legend={toggle}>
                <SimpleFields
                  value={m.id}
                  withFormat
                  onChange={(id) => set({ ...m, id })}
                  path={`subject.${member}`}
                  issues={issues}
                  idPrefix={`${testId}-${member}`}
                />
              </Fieldset>
            )
          })}
        </Stack>
      )}
      {topIssue && (
        <Text size="sm" c="red" role="alert">
          {topIssue}
        </Text>
      )}
    </Stack>
  )
}
