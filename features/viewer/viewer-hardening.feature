@hardening
Feature: Nothing a web page sends stops the viewer
  `experiment view` answers every request it cannot parse with a 4xx and goes on (issue 44, item 1). On 36062f1 a
  target such as `//` threw inside the auth check and ended the process: any web page could do it with an image, and
  in token mode a cookie with a broken %-escape did the same. docs/viewer.md#remote-access-and-the-security-model

  @browser
  Scenario: A page on another origin that points images at the viewer leaves it answering
    Given chromium works on this machine
    And "experiment view" is running on the data dir
    When a page on another origin with images pointing at the viewer paths "// //x:99999/ //[::1 /api/arm/%E0%A4%A" is opened in Chromium
    Then the viewer still answers "/api/runs" with 200

  Scenario: Malformed targets, headers and cookies on raw sockets each get an answer, and the viewer goes on
    Given "experiment view --token s3cret" is running on the data dir
    When every malformed request of the corpus is sent to it on a raw socket
    Then the viewer still answers "/api/runs" with 200
