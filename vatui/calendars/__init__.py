"""Calendar subscriptions: fetching and parsing clients' .ics feeds (loaded only when used)."""
