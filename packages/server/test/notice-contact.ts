/** Where objections to a test's 公示 go: every notice names the office, its telephone and address (required since issue 16). */
export const NOTICE_CONTACT = { office: '济宁市商务局电子商务科', phone: '0537-2345678', address: '济宁市任城区太白湖新区圣贤路9号' } as const;
