-- Accounts removed before overlaps are counted: chat bots present in thousands of channels would
-- otherwise link every channel to every other. The list is the analysis's default analysis.bots
-- (AnalysisParameters.DEFAULT_BOTS; a test holds the two equal): add yours if you configure more.
-- Runs unchanged on Athena (Trino) and DuckDB.
CREATE OR REPLACE VIEW bot_accounts AS
SELECT login
FROM (
  VALUES
    ('nightbot'),
    ('streamelements'),
    ('moobot'),
    ('fossabot'),
    ('streamlabs'),
    ('soundalerts'),
    ('wizebot'),
    ('sery_bot'),
    ('commanderroot'),
    ('botrixoficial'),
    ('kofistreambot'),
    ('pokemoncommunitygame'),
    ('streamstickers'),
    ('lurxx'),
    ('anotherttvviewer'),
    ('own3d'),
    ('blerp'),
    ('frostytoolsdotcom'),
    ('tangiabot'),
    ('creatisbot'),
    ('songlistbot'),
    ('drapsnatt'),
    ('aliceydra')
) AS t (login);
