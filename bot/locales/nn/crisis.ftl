crisis-card =
    ⚠️ <b>Treng du hjelp no?</b>
    • Ring <b>113</b> viss nokon er sjuk eller skadd, eller står i fare for å ta livet sitt.
    • Ring <b>112</b> viss du treng politiet. Ring <b>110</b> ved brann.
    • Har du ikkje ein stad å sove i natt? Då skal NAV hjelpe deg å finne ein mellombels stad å bu, same kva grunnen er. Kontakt { $nav_office }: { $nav_phone }, { $nav_address } ({ $nav_hours }). Du kan også ringje NAV på { $nav_national_phone }. Utanom opningstida: { $nav_after_hours }.
    Du kan også snakke med ein tilsett her.
