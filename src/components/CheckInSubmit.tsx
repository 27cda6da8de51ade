import { View } from '@tarojs/components'
import type { Translate } from '../i18n'
import { ActionButton } from './ActionButton'
import { Notice, type NoticeProps } from './Notice'

export interface CheckInSubmitProps {
  t: Translate
  /** the methodology's estimate in grams, when the input is valid */
  estimateGrams: number | undefined
  busy: boolean
  notice: NoticeProps | undefined
  onSubmit(): void
}

/** The end of every check-in form: the live estimate, the submit button and the cloud's answer. */
export function CheckInSubmit({ t, estimateGrams, busy, notice, onSubmit }: CheckInSubmitProps) {
  return (
    <View>
      {estimateGrams !== undefined ? <View className='estimate'>{t('checkin.estimate', { grams: estimateGrams })}</View> : null}
      <ActionButton variant='primary' label={t('checkin.submit')} disabled={busy} loading={busy} onClick={onSubmit}>
        {busy ? t('checkin.submitting') : t('checkin.submit')}
      </ActionButton>
      {notice ? <Notice {...notice} /> : null}
    </View>
  )
}
