addEventListener('beforeinstallprompt', (event) => {
	event.preventDefault();
	window.engramInstallOffer = event;
});
