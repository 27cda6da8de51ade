/** The projects slice: public-good projects and donations. */
import { sendOnce } from '../services/callPolicy'
import { callCloud } from '../services/cloud'
import type { ProjectsSlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const PROJECTS_SIGNED_OUT = { projects: [] }

export const createProjectsSlice: Slice<ProjectsSlice> = (set) => ({
  projects: [],
  async loadProjects() {
    set({ projects: (await callCloud('listProjects', {})).projects })
  },
  async donatePoints(projectId, points) {
    const { entry, project, wallet } = await sendOnce((requestId) => callCloud('donate', { requestId, projectId, points }))
    set((s) => ({
      projects: s.projects.map((p) => (p.id === project.id ? project : p)),
      walletView: s.walletView ? { ...s.walletView, wallet } : s.walletView,
    }))
    return entry.id
  },
  async loadCertificate(entryId) {
    return (await callCloud('getDonationCertificate', { entryId })).certificate
  },
})
