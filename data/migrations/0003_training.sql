-- OCOP Desk schema, version 3: training courses and attendance (tập huấn).

-- Vietnam's 54 ethnic groups (dân tộc), seeded from assets/ref/ethnic-groups.csv.
CREATE TABLE ethnic_groups (
    name        TEXT PRIMARY KEY,
    other_names TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL
) STRICT;

-- A training course (lớp tập huấn).
CREATE TABLE courses (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (title <> ''),
    topics       TEXT NOT NULL DEFAULT '',
    start_date   TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date     TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    location     TEXT NOT NULL DEFAULT '',
    organiser    TEXT NOT NULL DEFAULT '',
    trainers     TEXT NOT NULL DEFAULT '',
    funding      TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT,
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at   TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX courses_start ON courses(start_date);

-- A session of a course: a day or half a day.
CREATE TABLE course_sessions (
    id        INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    day       TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    part      TEXT NOT NULL DEFAULT 'ca_ngay' CHECK (part IN ('ca_ngay', 'sang', 'chieu')),
    UNIQUE (course_id, day, part)
) STRICT;

-- A person trained (học viên), stored once however many courses they attend.
CREATE TABLE participants (
    id           INTEGER PRIMARY KEY,
    full_name    TEXT NOT NULL CHECK (full_name <> ''),
    gender       TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'nam', 'nu')),
    birth_year   INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
    ethnicity    TEXT REFERENCES ethnic_groups(name),
    role         TEXT NOT NULL DEFAULT 'khac'
                 CHECK (role IN ('can_bo_quan_ly', 'thanh_vien_hoi_dong', 'chu_the', 'nguoi_lao_dong', 'khac')),
    organisation TEXT NOT NULL DEFAULT '',
    producer_id  INTEGER REFERENCES producers(id),
    commune_id   INTEGER REFERENCES communes(id),
    phone        TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT,
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at   TEXT NOT NULL DEFAULT (datetime('now'))
) STRICT;

-- Who is enrolled in which course.
CREATE TABLE enrolments (
    course_id      INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    PRIMARY KEY (course_id, participant_id)
) STRICT;
CREATE INDEX enrolments_participant ON enrolments(participant_id);

-- Attendance per session; no row means not yet recorded.
CREATE TABLE attendance (
    session_id     INTEGER NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    status         TEXT NOT NULL CHECK (status IN ('co_mat', 'vang_co_phep', 'vang')),
    PRIMARY KEY (session_id, participant_id)
) STRICT;
CREATE INDEX attendance_participant ON attendance(participant_id);
