-- Accounts removed before overlaps are counted: chat bots present in thousands of channels would
-- otherwise link every channel to every other. Keep this list in step with analysis.bots in the
-- configuration. Runs unchanged on Athena (Trino) and DuckDB.
CREATE OR REPLACE VIEW bot_accounts AS
SELECT login
FROM (
  VALUES
    ('nightbot'),
    ('streamelements'),
    ('streamlabs'),
    ('moobot'),
    ('fossabot'),
    ('wizebot'),
    ('soundalerts'),
    ('commanderroot'),
    ('sery_bot')
) AS t (login);
