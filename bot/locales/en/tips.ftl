### Vacant-rental tips: what subscribers read.

menu-tips = 🔑 Tips on vacant homes
tips-menu-offer = 🏠 The staff look for vacant rental homes every day. Do you want tips here when they find something? You can unsubscribe at any time.
tips-menu-subscribed = 🏠 You get tips on vacant homes. Do you want to stop getting them?
tips-btn-subscribe = 🔔 Yes, send me tips
tips-btn-subscribe-again = 🔔 Subscribe again
tips-btn-unsubscribe = 🔕 No more tips
tips-btn-menu = ↩️ Menu
tips-subscribed = ✅ You'll now get tips on vacant homes here. Every tip has a button to unsubscribe.
tips-unsubscribed = OK, you won't get any more tips on vacant homes.
tips-data-subscribed = You get tips on vacant homes.
tips-heading = 🏠 <b>Vacant home tip from { $office }</b>
