// @tarojs/taro for page tests: the H5 API plus the React page hooks. In an app build the framework
// plugin adds the hooks to the Taro object at start-up; in jest named imports need them exported.
import taro from '@tarojs/taro-h5'
import * as TaroH5 from '@tarojs/taro-h5'
import * as runtime from '@tarojs/plugin-framework-react/dist/runtime'

export * from '@tarojs/taro-h5'
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useShareAppMessage,
  useUnload,
} from '@tarojs/plugin-framework-react/dist/runtime'

const hookNames = Object.keys(runtime).filter((name) => name.startsWith('use'))
const merged = Object.assign(taro, TaroH5)
for (const name of hookNames) merged[name] = runtime[name]
export default merged
