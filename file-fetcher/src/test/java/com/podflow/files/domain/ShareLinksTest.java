package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShareLinksTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://www.dropbox.com/s/abc123xyz/poster.pdf?dl=0 | https://www.dropbox.com/s/abc123xyz/poster.pdf?dl=1
            https://www.dropbox.com/s/abc123xyz/poster.pdf | https://www.dropbox.com/s/abc123xyz/poster.pdf?dl=1
            https://dropbox.com/s/abc123xyz/poster%20A4.pdf?dl=0 | https://www.dropbox.com/s/abc123xyz/poster%20A4.pdf?dl=1
            https://www.dropbox.com/scl/fi/k2j3h4/poster.pdf?rlkey=r8x7&dl=0 | https://www.dropbox.com/scl/fi/k2j3h4/poster.pdf?rlkey=r8x7&dl=1
            https://www.dropbox.com/scl/fi/k2j3h4/poster.pdf?rlkey=r8x7&st=u5w&dl=0 | https://www.dropbox.com/scl/fi/k2j3h4/poster.pdf?rlkey=r8x7&st=u5w&dl=1
            https://drive.google.com/file/d/1AbC_dEf-123/view?usp=sharing | https://drive.google.com/uc?export=download&id=1AbC_dEf-123
            https://drive.google.com/file/d/1AbC_dEf-123/view | https://drive.google.com/uc?export=download&id=1AbC_dEf-123
            https://drive.google.com/file/d/1AbC_dEf-123 | https://drive.google.com/uc?export=download&id=1AbC_dEf-123
            https://drive.google.com/file/d/1AbC_dEf-123/view?usp=drive_link&resourcekey=0-XyZ | https://drive.google.com/uc?export=download&id=1AbC_dEf-123&resourcekey=0-XyZ
            https://drive.google.com/open?id=1AbC_dEf-123 | https://drive.google.com/uc?export=download&id=1AbC_dEf-123
            """)
    void shareLinksBecomeDirectDownloads(String shared, String direct) {
        // when / then
        assertThat(ShareLinks.directDownload(shared)).isEqualTo(direct);
        assertThat(ShareLinks.rewrite(shared)).contains(direct);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://1drv.ms/b/s!AkKx3vbNu6Z4gQdDa_3n8ZgYpN0e?e=abc",
            "https://1drv.ms/u/s!AkKx3vbNu6Z4gQc",
            "https://onedrive.live.com/redir?resid=1231244193912!12&authkey=1201919!12921!1",
            "https://onedrive.live.com/?cid=ABC&id=ABC%21123&authkey=%21XYZ"})
    void oneDriveLinksGoThroughTheSharesEndpointWithTheEncodedLink(String shared) {
        // when
        String direct = ShareLinks.directDownload(shared);

        // then: Microsoft's documented encoding, base64url without padding behind "u!"
        assertThat(direct).startsWith("https://api.onedrive.com/v1.0/shares/u!").endsWith("/root/content");
        String token = direct.substring("https://api.onedrive.com/v1.0/shares/u!".length(),
                direct.length() - "/root/content".length());
        assertThat(token).doesNotContain("=", "+", "/");
        assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)).isEqualTo(shared);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://example.com/s/abc/poster.pdf?dl=0", // not Dropbox
            "https://www.dropbox.com/s/abc123xyz/poster.pdf?dl=1", // direct already
            "https://www.dropbox.com/s/abc123xyz/poster.pdf?raw=1", // direct already (served inline)
            "https://dl.dropboxusercontent.com/s/abc123xyz/poster.pdf", // the download host itself
            "https://www.dropbox.com/sh/abc/AAB?dl=0", // a folder
            "https://www.dropbox.com/scl/fo/abc/AAB?rlkey=x&dl=0", // a folder
            "https://www.dropbox.com/home/poster.pdf", // the owner's view
            "https://drive.google.com/uc?export=download&id=1AbC", // direct already
            "https://drive.google.com/drive/folders/1AbC?usp=sharing", // a folder
            "https://docs.google.com/document/d/1AbC/edit", // a Google Doc, not a file
            "https://drive.google.com/open?usp=sharing", // no id
            "https://onedrive.live.com/download?resid=1231244193912!12&authkey=x", // direct already
            "https://onedrive.live.com/", // no share
            "https://api.onedrive.com/v1.0/shares/u!aHR0cHM6Ly8xZHJ2Lm1z/root/content", // direct already
            "ftp://www.dropbox.com/s/abc/poster.pdf?dl=0", // not http(s): the fetcher refuses it as it is
            "https://notdropbox.com/s/abc/poster.pdf?dl=0", "https://dropbox.com.evil.example/s/abc/p.pdf?dl=0",
            "https://drive.google.com.evil.example/file/d/1AbC/view", "not a url at all", ""})
    void everythingElseIsLeftAsItIs(String url) {
        // when / then
        assertThat(ShareLinks.rewrite(url)).isEmpty();
        assertThat(ShareLinks.directDownload(url)).isEqualTo(url);
    }
}
