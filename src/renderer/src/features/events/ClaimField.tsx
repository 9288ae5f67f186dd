import {
  ActionIcon,
  Autocomplete,
  Badge,
  Button,
  Group,
  Input,
  NumberInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea
} from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { z } from 'zod'
import type { SubjectIdentifier } from '../../../../shared/ssf'
import type { CatalogClaim } from '../../api/schemas'
import { SubjectForm } from '../transmitter/SubjectForm'
import { buildSubject, subjectFormFrom, type SubjectFormState } from '../transmitter/subject-model'
import { claimWidget, type ClaimValue, type LangEntry } from './claims-model'

/** The label of a claim: the catalog's label, the wire name, and a "recommended" mark. */
function ClaimLabel({ claim }: { claim: CatalogClaim }): ReactNode {
  return (
    <Group gap={6} component="span" wrap="nowrap" style={{ display: 'inline-flex' }}>
      <span>{claim.form?.label ?? claim.name}</span>
      <Text span size="xs" c="dimmed" ff="monospace">
        {claim.name}
      </Text>
      {claim.requirement === 'recommended' && (
        <Badge size="xs" variant="light" color="blue">
          recommended
        </Badge>
      )}
    </Group>
  )
}

function describe(claim: CatalogClaim): string | undefined {
  // The description says it all when there is one; the form's short help is the fallback.
  const parts = [claim.description || claim.form?.help, claim.section ? `(${claim.section})` : '']
  const text = parts.filter((p) => p && p.length > 0).join(' ')
  return text.length > 0 ? text : undefined
}

function LanguageMap({
  claim,
  rows,
  error,
  onChange
}: {
  claim: CatalogClaim
  rows: LangEntry[]
  error: string | undefined
  onChange(rows: LangEntry[]): void
}) {
  const shown = rows.length > 0 ? rows : [{ lang: 'en', text: '' }]
  const set = (i: number, row: LangEntry) => onChange(shown.map((r, j) => (j === i ? row : r)))
  return (
    <Input.Wrapper
      label={<ClaimLabel claim={claim} />}
      description={describe(claim)}
      required={claim.required}
      error={error}
      data-testid={`claim-${claim.name}`}
    >
      <Stack gap={6} mt={4}>
        {shown.map((row, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              aria-label={`${claim.name} language tag ${i + 1}`}
              placeholder="en"
              w={84}
              value={row.lang}
              onChange={(e) => set(i, { ...row, lang: e.currentTarget.value })}
              data-testid={`claim-${claim.name}-lang-${i}`}
            />
            <TextInput
              aria-label={`${claim.name} message ${i + 1}`}
              placeholder={claim.form?.placeholder ?? 'Message'}
              style={{ flex: 1 }}
              value={row.text}
              onChange={(e) => set(i, { ...row, text: e.currentTarget.value })}
              data-testid={`claim-${claim.name}-text-${i}`}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Remove ${claim.name} message ${i + 1}`}
              onClick={() => onChange(shown.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onChange([...shown, { lang: '', text: '' }])}
          >
            Add language
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  )
}

const subjectShape: z.ZodType<SubjectIdentifier> = z.looseObject({ format: z.string() })

function parseSubject(text: string): SubjectIdentifier | undefined {
  try {
    const parsed = subjectShape.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** A claim that is itself a subject identifier: the same format-aware picker as the event's. */
function SubjectClaim({
  claim,
  text,
  error,
  onChange
}: {
  claim: CatalogClaim
  text: string
  error: string | undefined
  onChange(v: string): void
}) {
  const [state, setState] = useState<SubjectFormState>(() => subjectFormFrom(parseSubject(text)))
  const [emitted, setEmitted] = useState(text)
  // A new value from outside (example, template, raw mode) replaces the picker's state.
  if (text !== emitted) {
    setEmitted(text)
    setState(subjectFormFrom(parseSubject(text)))
  }
  return (
    <Input.Wrapper
      label={<ClaimLabel claim={claim} />}
      description={describe(claim)}
      required={claim.required}
      error={error}
    >
      <Stack mt={4}>
        <SubjectForm
          value={state}
          onChange={(next) => {
            const json = JSON.stringify(buildSubject(next))
            setState(next)
            setEmitted(json)
            onChange(json)
          }}
          issues={new Map()}
          testId={`claim-${claim.name}`}
        />
      </Stack>
    </Input.Wrapper>
  )
}

/** One claim input, drawn from the catalog's form metadata. */
export function ClaimField({
  claim,
  value,
  error,
  onChange
}: {
  claim: CatalogClaim
  value: ClaimValue | undefined
  error: string | undefined
  onChange(v: ClaimValue): void
}) {
  const common = {
    label: <ClaimLabel claim={claim} />,
    description: describe(claim),
    required: claim.required,
    error,
    placeholder: claim.form?.placeholder,
    'data-testid': `claim-${claim.name}`
  }
  const text = typeof value === 'string' ? value : ''
  const options = claim.form?.options ?? claim.enum ?? []
  switch (claimWidget(claim)) {
    case 'select':
      return (
        <Select
          {...common}
          data={[...options]}
          value={text || null}
          clearable={!claim.required}
          onChange={(v) => onChange(v ?? '')}
        />
      )
    case 'combo':
      return <Autocomplete {...common} data={[...options]} value={text} onChange={onChange} />
    case 'switch':
      return (
        <Switch
          label={<ClaimLabel claim={claim} />}
          description={describe(claim)}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          data-testid={`claim-${claim.name}`}
        />
      )
    case 'number':
      return (
        <NumberInput
          {...common}
          value={text}
          onChange={(v) => onChange(String(v))}
          allowDecimal={claim.type !== 'integer'}
        />
      )
    case 'timestamp': {
      const n = Number(text)
      const when =
        text !== '' && Number.isFinite(n) ? new Date(n * 1000).toISOString() : 'seconds, not ms'
      return (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <NumberInput
            {...common}
            style={{ flex: 1 }}
            value={text}
            onChange={(v) => onChange(String(v))}
            allowDecimal={false}
            rightSectionWidth={210}
            rightSection={
              <Text size="xs" c="dimmed" pr="sm" ff="monospace">
                {when}
              </Text>
            }
          />
          <Button
            variant="default"
            aria-label={`Set ${claim.name} to now`}
            onClick={() => onChange(String(Math.floor(Date.now() / 1000)))}
          >
            Now
          </Button>
        </Group>
      )
    }
    case 'language-map':
      return (
        <LanguageMap
          claim={claim}
          rows={
            Array.isArray(value) ? value.filter((r): r is LangEntry => typeof r !== 'string') : []
          }
          error={error}
          onChange={onChange}
        />
      )
    case 'string-list':
      return (
        <TagsInput
          {...common}
          data={[...options]}
          value={
            Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []
          }
          onChange={onChange}
        />
      )
    case 'subject':
      return <SubjectClaim claim={claim} text={text} error={error} onChange={onChange} />
    case 'json':
      return (
        <Textarea
          {...common}
          placeholder={claim.form?.placeholder}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          autosize
          minRows={2}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      )
    case 'textarea':
      return (
        <Textarea
          {...common}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          autosize
          minRows={2}
        />
      )
    default:
      return (
        <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />
      )
  }
}
