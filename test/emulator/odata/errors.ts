/** A client error in an OData query option; answered as HTTP 400 with the message as is. */
export class ODataError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ODataError';
	}
}

/** Quotes user input inside an error message without echoing kilobytes of it. */
export function quoteInput(text: string): string {
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
