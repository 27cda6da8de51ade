import type { MessageTable } from '@/i18n'

/**
 * Strings only the methodology, the privacy notice and the first-run screens show: kept with their subpackage, so the main package every resident downloads
 * does not carry them. Pages here translate with `usePackageT(MESSAGES)`.
 */
const zh = {
  'privacy.intro': '在记录任何数据之前，请先了解我们收集什么、为什么收集、保存多久，以及你如何导出和删除。',
  'privacy.collectTitle': '我们收集什么',
  'privacy.collect':
    '你的微信身份标识（openid，不含姓名和手机号）、你自己填写的昵称；你提交的打卡：出行方式、距离、用时和时间，回收的材料、重量和回收站；兑换、捐赠和挑战记录；你加入的社区，以及你报名和签到的公益活动；在要求现场定位的活动签到时，你与活动地点的距离。微信登录产生的会话密钥只保存在服务器上，用于校验你授权的微信运动步数。',
  'privacy.whyTitle': '为什么收集',
  'privacy.why': '按公开的排放系数计算你的减排量和积分；防止重复记账和刷分；运行小组挑战和排行榜；向社区展示匿名的汇总统计。不用于广告，不出售给任何人。',
  'privacy.keepTitle': '保存多久',
  'privacy.keep':
    '账户存在期间一直保存。注销时，你持有的未使用兑换券随即作废，已报名的活动名额释放给其他人；昵称、微信身份和会话密钥立即删除；账本记录匿名保留，以保证社区总量和哈希链可校验。',
  'privacy.afterDeleteTitle': '注销后仍保留的计数',
  'privacy.afterDelete':
    '为了不让“注销后重新登录”重置对每个人的限制，注销时我们用只存在服务器上的密钥，对你的登录身份计算一个带密钥的哈希值（不保存微信 openid 或登录名本身），只在这个哈希值下保留限制个人的计数，各保留到该限制需要的时间为止：每日上限的计数保留 7 天；最近的出行（用于核对出行时间不重叠）约 3 天；最近的回收站投递和用过的站点屏幕码 15 分钟；签到过的活动保留到活动结束；完成过的挑战保留到它不能再计入为止；每种奖品的兑换次数永久保留，因为每人限兑次数是终身的。用同一身份再次登录时，新账户从这些计数开始；到期的计数自动删除。这些计数不指向任何账本记录，新账户无法借此与旧账本关联。',
  'privacy.locationTitle': '活动签到时的位置',
  'privacy.location':
    '有的公益活动要求签到时在现场定位（活动卡片上会注明）。只有在这类活动签到时，应用才在你允许后读取一次手机位置，与签到码一起发给服务器；服务器只保存你与活动地点的距离（米），不保存位置本身，该活动的组织者在签到表上能看到这个距离。组织者发布活动时点“使用我当前的位置”，应用会读取一次组织者的位置，填作活动地点，随活动保存。其他时候应用不读取位置。',
  'privacy.shareTitle': '谁能看到',
  'privacy.share':
    '排行榜和小组成员看到你的昵称和挑战进度；组织者审核被规则标记的打卡时看到昵称和该条记录；你报名的活动的组织者在签到表上看到你的昵称和签到时间。城市看板只公开汇总数字；任何人用证书查验码只能看到那条记录本身，看不到是谁的。其他人看不到你的账本。',
  'privacy.partnersTitle': '合作方',
  'privacy.partners':
    '只有你在“我的”页面为某个合作方（公交、共享单车、网约车、导航、智能回收箱或称重设备的运营方，或商户）生成关联码并交给它，它才会与你的账户关联。关联后，它会发来你的出行记录（方式、距离、起止时间）或投放记录（站点、品类、重量），按同样的规则记入你的账本。我们只保存它给你的用户编号的加密摘要，不保存编号本身。你可以随时在“我的”页面解除关联，之后它发来的记录不再记入；已记入的仍保留在账本中。注销账户时所有关联一并删除。',
  'privacy.rightsTitle': '导出与删除',
  'privacy.rights': '在“我的”页面可随时导出全部数据（含可自行校验的账本），或注销账户。',
  'privacy.agree': '同意并继续',
  'privacy.decline': '不同意',
  'privacy.declined': '不同意隐私说明就无法记录你的碳账户。你可以随时回来阅读并同意。',
  'privacy.agreed': '你已同意第 {version} 版隐私说明。',
  'method.title': '方法学 {version}',
  'method.intro': '每一克减排都来自下表的公开系数。记入克数 = 系数 × 数量（四舍五入），同一行为每天不超过上限；积分 = 克数 ÷ {gramsPerPoint} 向下取整。',
  'method.per': '{grams} 克 / {unit}',
  'method.cap': '每日上限 {cap} 克',
  'method.speed': '速度上限 {kmh} 公里/小时',
  'method.source': '来源',
  'method.why': '取值理由',
  'method.rulesTitle': '防刷规则',
  'method.versions': '方法学版本（每条记录都注明按哪个版本计算）',
  'method.ruleBackdate': '只记入 {hours} 小时内发生的行为。',
  'method.ruleDuration': '出行须填写用时：用来核对速度；同一人的两次出行不能在时间上重叠。',
  'method.ruleDailyTotal': '每人每天所有行为合计最多记入 {grams} 克（{basis}）。',
  'method.ruleBurst': '同一回收站 {minutes} 分钟内第 {count} 次投递（按申报时间或到达服务器的时间）、或单次重量达到当日上限的 {share}%，会交给组织者审核。',
  'method.ruleStation': '扫描回收站屏幕上每 30 秒更新的码投递，按完整上限记入；只手填站点编码，每种材料每天最多记入上限的 {share}%。',
  'method.ruleSelfDaily': '只手填站点编码的投递，所有材料合计每人每天最多记入 {grams} 克。',
  'method.ruleSceneRepeat': '低碳场景只凭场所屏幕上的动态码记录；同一场所的同一行为 {minutes} 分钟内只记一次。',
  'method.ruleSharedCode': '同一回收站屏幕码在一个 30 秒窗口内被超过 {count} 位居民扫描（一个站点服务不了这么多人），这个窗口的投递全部交给组织者审核。',
  'method.ruleHeld': '审核期间这笔积分计入余额但不能使用；审核通过后可用，撤销则全部扣回。',
  'method.equivTitle': '换算与绿芽阶段的依据',
  'method.budStage': '「{stage}」从 {grams} 克起：{meaning}',
  'intro.skip': '跳过',
  'intro.next': '下一步',
  'intro.step': '第 {n} / {of} 步',
  'intro.what.title': '哪些行为算数',
  'intro.what.body': '步行、骑行、公交、地铁、电动车、拼车出行，以及在回收站投递纸板、塑料、金属、玻璃和旧衣物。每次打卡都按公开的减排因子记入克数。',
  'intro.how.title': '怎么算、为什么可信',
  'intro.how.body': '减排量 = 因子 × 距离或重量，每项有每日上限；{gramsPerPoint} 克 = 1 积分。每个因子都注明来源，每条记录都进入可验证的账本，不会重复记入。',
  'intro.how.link': '查看方法学',
}

const en: Record<keyof typeof zh, string> = {
  'privacy.intro': 'Before anything is recorded, here is what we collect, why, for how long, and how you can export and delete it.',
  'privacy.collectTitle': 'What we collect',
  'privacy.collect':
    'Your WeChat identifier (openid, without your name or phone number) and the nickname you choose; the check-ins you submit: travel mode, distance, duration and time, recycled material, weight and station; your redemptions, donations and challenges; the community you join, and the public-welfare events you sign up for and attend; at an event that checks location, your distance from its place when you check in. The session key from WeChat login stays on the server, to verify WeRun steps you choose to share.',
  'privacy.whyTitle': 'Why',
  'privacy.why':
    'To compute your carbon savings and points from published factors; to stop double counting and point farming; to run group challenges and leaderboards; to show the community anonymous totals. Never for advertising, never sold.',
  'privacy.keepTitle': 'For how long',
  'privacy.keep':
    'For as long as your account exists. When you delete it, the unused vouchers you hold are voided and your event places are given back for others; your nickname, WeChat identifier and session key are removed at once; ledger entries stay, anonymised, so community totals and the hash chain remain verifiable.',
  'privacy.afterDeleteTitle': 'What is kept after you delete your account',
  'privacy.afterDelete':
    'So that deleting an account and logging in again does not reset the limits every person has, deleting keeps a keyed hash of the identity you logged in with (made with a key only the server holds; never your WeChat openid or handle themselves), and under it only the counters that limit a person, each for as long as its limit needs: the daily cap counters for 7 days; your recent trips (to check trips do not overlap) for about 3 days; recent recycling drops and the station display codes you used for 15 minutes; an event you attended until it ends; a challenge you completed until it can no longer be credited; and the number of vouchers of each reward for good, because per-person reward limits are for a lifetime. Logging in again with the same identity starts the new account with these counters; each is deleted when its time is up. None of them points to a ledger entry, so the new account cannot be tied to the old ledger through them.',
  'privacy.locationTitle': 'Your location at event check-in',
  'privacy.location':
    "Some public-welfare events check that attendees are on site (their card says so). Only when you check in at such an event does the app read your phone's position, once and after you allow it, and send it with the attendance code; the server keeps only your distance from the event's place, in metres, never the position itself, and the event's organizer sees that distance on its attendance list. An organizer who taps “Use my current location” when announcing an event has their own position read once, as the event's place, kept with the event. At no other time does the app read a location.",
  'privacy.shareTitle': 'Who sees what',
  'privacy.share':
    'Leaderboards and your group see your nickname and challenge progress; organizers see your nickname and the entry when the rules flag a check-in for review; the organizer of an event you sign up for sees your nickname and check-in time on its attendance list. The city dashboard shows totals only; anyone with the code on a certificate sees that one entry, never whose it is. Nobody else sees your ledger.',
  'privacy.partnersTitle': 'Partners',
  'privacy.partners':
    'A partner (a transit, bike-share, ride-hailing, navigation, smart-bin or scale operator, or a merchant) is linked to your account only when you make a link code for it in Me and give it to them. Once linked, it sends your trips (mode, distance, start and end time) or drops (station, material, weight), credited to your ledger under the same rules. We keep only a keyed hash of the user id it gave you, never the id itself. You can remove the link in Me at any time; what it sends afterwards is not credited, and what was credited stays in your ledger. Deleting your account removes every link.',
  'privacy.rightsTitle': 'Export and delete',
  'privacy.rights': 'In Me you can export all your data at any time (including a ledger you can verify yourself) or delete your account.',
  'privacy.agree': 'Agree and continue',
  'privacy.decline': 'Do not agree',
  'privacy.declined': 'Without agreeing to the privacy notice the app cannot keep your carbon wallet. You can come back, read it and agree at any time.',
  'privacy.agreed': 'You agreed to version {version} of this notice.',
  'method.title': 'Methodology {version}',
  'method.intro':
    'Every gram comes from a published factor below. Credit = factor × quantity (rounded), at most the daily cap per behaviour; points = grams ÷ {gramsPerPoint}, rounded down.',
  'method.per': '{grams} g per {unit}',
  'method.cap': 'Daily cap {cap} g',
  'method.speed': 'Max speed {kmh} km/h',
  'method.source': 'Source',
  'method.why': 'Why this figure',
  'method.rulesTitle': 'Rules against farming',
  'method.versions': 'Methodology versions (every entry names the one it was credited under)',
  'method.ruleBackdate': 'Only activity from the last {hours, plural, one {# hour} other {# hours}} is credited.',
  'method.ruleDuration': "A trip needs its duration, which checks its speed; one person's trips may not overlap in time.",
  'method.ruleDailyTotal': 'One person is credited at most {grams} g a day across all activities ({basis}).',
  'method.ruleBurst':
    "The {count, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} drop at one station within {minutes, plural, one {# minute} other {# minutes}} (by the time claimed or the time it reached the server), or a single drop of {share}% of the day's cap or more, goes to an organizer for review.",
  'method.ruleStation':
    "A drop with the code scanned from the station's screen (it changes every 30 s) counts up to the full cap; with a typed station code, at most {share}% of a material's daily cap.",
  'method.ruleSelfDaily': 'Drops with a typed station code earn at most {grams} g a day per person, all materials together.',
  'method.ruleSceneRepeat': "Low-carbon scenes earn only with the code on the venue's screen, and the same scene at the same venue once in {minutes} minutes.",
  'method.ruleSharedCode':
    'When more than {count, plural, one {# resident} other {# residents}} scan one station display code in one 30-second window (more than one station serves), every drop of that window goes to an organizer for review.',
  'method.ruleHeld': 'While it is reviewed its points are in the balance but cannot be spent; confirmed, they can; reversed, they all go.',
  'method.equivTitle': "What the equivalents and the bud's stages rest on",
  'method.budStage': '{stage} from {grams} g: {meaning}',
  'intro.skip': 'Skip',
  'intro.next': 'Next',
  'intro.step': 'Step {n} of {of}',
  'intro.what.title': 'What counts',
  'intro.what.body':
    'Walking, cycling, bus, metro, EV and carpool trips, and drops of cardboard, plastic, metal, glass and old clothes at a recycling station. Each check-in is credited in grams by a published factor.',
  'intro.how.title': 'How it is computed, and why you can trust it',
  'intro.how.body':
    'Reduction = factor × distance or weight, with a daily cap per behaviour; {gramsPerPoint} g = 1 point. Every factor names its source, and every credit goes into a ledger you can verify, never counted twice.',
  'intro.how.link': 'See the methodology',
}

export type PackageKey = keyof typeof zh
export const MESSAGES: MessageTable<PackageKey> = { 'zh-CN': zh, en }
