import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormMessage } from './fields.tsx'

// The account page's WhatsApp/SMS section (messaging/account-phone.server.ts): give a
// number, type the code that arrives over the channel, or stop the messages. Plain
// forms that work without JavaScript.

export interface PhoneChannelProps {
  channel: { phone: string | null; status: 'none' | 'pending' | 'active' | 'stopped'; awaitingCode: boolean }
  reply: { notice: string | null; error: string | null } | null
}

export function PhoneChannelSection({ channel, reply }: PhoneChannelProps) {
  const { t } = useTranslation(['common', 'messaging'])
  const text = (key: string) => t(key as 'messaging:account.title')
  return (
    <section aria-labelledby="phone-channel-heading">
      <h2 id="phone-channel-heading">{t('messaging:account.title')}</h2>
      <p className="muted">{t('messaging:account.intro')}</p>
      <p>{t(`messaging:account.state.${channel.status}`, { phone: channel.phone ?? '' })}</p>
      {reply?.notice ? <FormMessage kind="ok">{text(reply.notice)}</FormMessage> : null}
      {reply?.error ? <FormMessage kind="error">{text(reply.error)}</FormMessage> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="phone-code" />
        <div className="field">
          <label htmlFor="channel-phone">{t('messaging:account.phone')}</label>
          <p className="hint" id="channel-phone-hint">
            {t('messaging:account.phoneHint')}
          </p>
          <input
            id="channel-phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            maxLength={30}
            required
            defaultValue={channel.phone ?? ''}
            aria-describedby="channel-phone-hint"
          />
        </div>
        <button type="submit" className="secondary">
          {t('messaging:account.sendCode')}
        </button>
      </Form>
      {channel.awaitingCode ? (
        <Form method="post">
          <input type="hidden" name="intent" value="phone-verify" />
          <div className="field">
            <label htmlFor="channel-code">{t('messaging:account.code')}</label>
            <input
              id="channel-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
            />
          </div>
          <button type="submit" className="secondary">
            {t('messaging:account.verify')}
          </button>
        </Form>
      ) : null}
      {channel.status === 'active' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="phone-stop" />
          <button type="submit" className="secondary">
            {t('messaging:account.stop')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
