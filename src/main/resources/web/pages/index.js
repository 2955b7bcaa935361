// Every page of the UI: its path (a hash route), its entry in the navigation (nav: the link's
// text; none for pages reached from another page, which name the entry they are under) and its
// component, which gets the path's parameters as props. A new page is a module in pages/ and one line here.
import { LibraryPage } from './library.js';
import { SeriesPage } from './series.js';
import { ActivityPage } from './activity.js';
import { StatusPage } from './status.js';
import { FeedsPage } from './feeds.js';
import { FeedPage } from './feed.js';
import { RulesPage } from './rules.js';

export const PAGES = [
  { path: '/library', nav: 'Library', title: 'Library', component: LibraryPage },
  { path: '/series/:id', title: 'Series', under: '/library', component: SeriesPage },
  { path: '/series/:id/rules', title: 'Download rules', under: '/library', component: RulesPage },
  { path: '/feeds', nav: 'Feeds', title: 'Feeds', component: FeedsPage },
  { path: '/feeds/:id', title: 'Feed', under: '/feeds', component: FeedPage },
  { path: '/activity', nav: 'Activity', title: 'Activity', component: ActivityPage },
  { path: '/status', nav: 'Status', title: 'Status', component: StatusPage },
];
