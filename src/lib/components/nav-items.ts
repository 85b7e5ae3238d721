/** The app's five destinations, shared by the top navigation and the phone tab bar. */
export interface NavItem {
	href: '/' | '/browse' | '/add' | '/stats' | '/settings';
	label: string;
	/** An SVG path on a 24×24 grid, stroked. */
	icon: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
	{ href: '/', label: 'Today', icon: 'M4 11l8-7 8 7v9a1 1 0 0 1-1 1h-5v-6h-4v6H5a1 1 0 0 1-1-1z' },
	{
		href: '/browse',
		label: 'Browse',
		icon: 'M11 4a7 7 0 1 1 0 14a7 7 0 0 1 0-14zM16.5 16.5L21 21'
	},
	{ href: '/add', label: 'Add', icon: 'M12 5v14M5 12h14' },
	{ href: '/stats', label: 'Stats', icon: 'M5 20V11M12 20V5M19 20v-6' },
	{
		href: '/settings',
		label: 'Settings',
		icon: 'M12 9a3 3 0 1 1 0 6a3 3 0 0 1 0-6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1'
	}
];

/** Whether `pathname` belongs to the section `href` (Today owns `/` and the study/deck pages). */
export function isCurrent(href: NavItem['href'], pathname: string): boolean {
	if (href === '/') {
		return pathname === '/' || pathname.startsWith('/study') || pathname.startsWith('/decks');
	}
	return pathname === href || pathname.startsWith(`${href}/`);
}
