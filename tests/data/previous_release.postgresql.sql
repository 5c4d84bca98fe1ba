--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: account; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account (
    id integer NOT NULL,
    email character varying(255) NOT NULL,
    email_key character varying(255) NOT NULL,
    password_hash character varying(255) NOT NULL,
    role character varying(255) NOT NULL,
    uniquifier character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    activated_at timestamp without time zone,
    last_login_at timestamp without time zone,
    activation_sent_at timestamp without time zone
);


--
-- Name: account_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.account_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: account_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.account_id_seq OWNED BY public.account.id;


--
-- Name: address_change; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.address_change (
    id integer NOT NULL,
    account_id integer NOT NULL,
    registration_id integer,
    old_address text NOT NULL,
    new_address text NOT NULL,
    at timestamp without time zone NOT NULL,
    seen_by_staff_at timestamp without time zone
);


--
-- Name: address_change_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.address_change_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: address_change_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.address_change_id_seq OWNED BY public.address_change.id;


--
-- Name: audit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit (
    id integer NOT NULL,
    at timestamp without time zone NOT NULL,
    actor_id integer,
    action character varying(255) NOT NULL,
    subject_id integer,
    detail text NOT NULL
);


--
-- Name: audit_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_id_seq OWNED BY public.audit.id;


--
-- Name: document_rule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.document_rule (
    id integer NOT NULL,
    session_id integer NOT NULL,
    code character varying(255) NOT NULL,
    label character varying(255) NOT NULL,
    "when" character varying(255) NOT NULL,
    help text NOT NULL,
    "position" integer NOT NULL
);


--
-- Name: document_rule_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.document_rule_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: document_rule_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.document_rule_id_seq OWNED BY public.document_rule.id;


--
-- Name: exam; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exam (
    id integer NOT NULL,
    session_id integer NOT NULL,
    pole_id integer NOT NULL,
    code character varying(255) NOT NULL,
    label character varying(255) NOT NULL,
    diploma character varying(255) NOT NULL,
    languages text NOT NULL,
    optional_tests text NOT NULL,
    work_experience boolean NOT NULL,
    "position" integer NOT NULL
);


--
-- Name: exam_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.exam_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: exam_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.exam_id_seq OWNED BY public.exam.id;


--
-- Name: exam_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exam_session (
    id integer NOT NULL,
    code character varying(255) NOT NULL,
    label character varying(255) NOT NULL,
    academy character varying(255) NOT NULL,
    audience character varying(255) NOT NULL,
    timezone character varying(255) NOT NULL,
    opens_at timestamp without time zone NOT NULL,
    closes_at timestamp without time zone NOT NULL,
    documents_due_at timestamp without time zone NOT NULL,
    exams_start_on date NOT NULL,
    website character varying(255) NOT NULL
);


--
-- Name: exam_session_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.exam_session_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: exam_session_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.exam_session_id_seq OWNED BY public.exam_session.id;


--
-- Name: login_attempt; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_attempt (
    id integer NOT NULL,
    key character varying(255) NOT NULL,
    at timestamp without time zone NOT NULL
);


--
-- Name: login_attempt_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.login_attempt_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: login_attempt_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.login_attempt_id_seq OWNED BY public.login_attempt.id;


--
-- Name: login_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_session (
    id integer NOT NULL,
    account_id integer NOT NULL,
    token_hash character varying(255) NOT NULL,
    uniquifier character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    ended_at timestamp without time zone
);


--
-- Name: login_session_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.login_session_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: login_session_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.login_session_id_seq OWNED BY public.login_session.id;


--
-- Name: outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox (
    id integer NOT NULL,
    recipient character varying(255) NOT NULL,
    subject character varying(255) NOT NULL,
    body text NOT NULL,
    status character varying(255) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp without time zone NOT NULL,
    created_at timestamp without time zone NOT NULL,
    sent_at timestamp without time zone,
    last_error text
);


--
-- Name: outbox_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.outbox_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.outbox_id_seq OWNED BY public.outbox.id;


--
-- Name: piece; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.piece (
    id integer NOT NULL,
    registration_id integer NOT NULL,
    code character varying(255) NOT NULL,
    label character varying(255) NOT NULL,
    help text NOT NULL,
    reason text NOT NULL,
    "position" integer NOT NULL,
    status character varying(255) NOT NULL,
    refusal_reason text NOT NULL,
    reviewed_by_id integer,
    reviewed_at timestamp without time zone,
    due_override timestamp without time zone,
    obsolete_at timestamp without time zone,
    reopens_declaration boolean NOT NULL
);


--
-- Name: piece_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.piece_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: piece_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.piece_id_seq OWNED BY public.piece.id;


--
-- Name: pole; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pole (
    id integer NOT NULL,
    session_id integer NOT NULL,
    code character varying(255) NOT NULL,
    label character varying(255) NOT NULL,
    phones text NOT NULL,
    email character varying(255) NOT NULL,
    "position" integer NOT NULL
);


--
-- Name: pole_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.pole_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: pole_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.pole_id_seq OWNED BY public.pole.id;


--
-- Name: profile; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.profile (
    id integer NOT NULL,
    civilite character varying(255) NOT NULL,
    birth_name character varying(255) NOT NULL,
    usage_name character varying(255) NOT NULL,
    first_names character varying(255) NOT NULL,
    birth_date date,
    birth_commune character varying(255) NOT NULL,
    birth_departement character varying(255) NOT NULL,
    birth_country character varying(255) NOT NULL,
    nationality character varying(255) NOT NULL,
    address text NOT NULL,
    postcode character varying(255) NOT NULL,
    commune character varying(255) NOT NULL,
    country character varying(255) NOT NULL,
    phone character varying(255) NOT NULL,
    account_id integer NOT NULL,
    updated_at timestamp without time zone NOT NULL
);


--
-- Name: profile_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.profile_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: profile_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.profile_id_seq OWNED BY public.profile.id;


--
-- Name: registration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.registration (
    id integer NOT NULL,
    civilite character varying(255) NOT NULL,
    birth_name character varying(255) NOT NULL,
    usage_name character varying(255) NOT NULL,
    first_names character varying(255) NOT NULL,
    birth_date date,
    birth_commune character varying(255) NOT NULL,
    birth_departement character varying(255) NOT NULL,
    birth_country character varying(255) NOT NULL,
    nationality character varying(255) NOT NULL,
    address text NOT NULL,
    postcode character varying(255) NOT NULL,
    commune character varying(255) NOT NULL,
    country character varying(255) NOT NULL,
    phone character varying(255) NOT NULL,
    account_id integer NOT NULL,
    session_id integer NOT NULL,
    status character varying(255) NOT NULL,
    step_reached integer NOT NULL,
    revision integer NOT NULL,
    number character varying(255),
    version integer NOT NULL,
    created_at timestamp without time zone NOT NULL,
    saved_at timestamp without time zone,
    cancelled_at timestamp without time zone,
    exam_id integer,
    candidate_status character varying(255) NOT NULL,
    organisme character varying(255) NOT NULL,
    language character varying(255) NOT NULL,
    optional_tests text NOT NULL,
    diplomas_held text NOT NULL,
    exemption_requested boolean NOT NULL,
    grades_kept boolean NOT NULL,
    foreign_diploma boolean NOT NULL,
    work_experience boolean NOT NULL,
    accommodation_requested boolean NOT NULL,
    jdc_status character varying(255) NOT NULL,
    pieces_declared_at timestamp without time zone,
    pending text NOT NULL
);


--
-- Name: registration_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.registration_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: registration_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.registration_id_seq OWNED BY public.registration.id;


--
-- Name: staff_pole; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_pole (
    id integer NOT NULL,
    account_id integer NOT NULL,
    pole_code character varying(255) NOT NULL
);


--
-- Name: staff_pole_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.staff_pole_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: staff_pole_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.staff_pole_id_seq OWNED BY public.staff_pole.id;


--
-- Name: upload; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.upload (
    id integer NOT NULL,
    piece_id integer NOT NULL,
    original_name character varying(255) NOT NULL,
    stored_name character varying(255) NOT NULL,
    size integer NOT NULL,
    content_type character varying(255) NOT NULL,
    sha256 character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: upload_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.upload_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: upload_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.upload_id_seq OWNED BY public.upload.id;


--
-- Name: account id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account ALTER COLUMN id SET DEFAULT nextval('public.account_id_seq'::regclass);


--
-- Name: address_change id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address_change ALTER COLUMN id SET DEFAULT nextval('public.address_change_id_seq'::regclass);


--
-- Name: audit id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit ALTER COLUMN id SET DEFAULT nextval('public.audit_id_seq'::regclass);


--
-- Name: document_rule id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.document_rule ALTER COLUMN id SET DEFAULT nextval('public.document_rule_id_seq'::regclass);


--
-- Name: exam id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam ALTER COLUMN id SET DEFAULT nextval('public.exam_id_seq'::regclass);


--
-- Name: exam_session id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_session ALTER COLUMN id SET DEFAULT nextval('public.exam_session_id_seq'::regclass);


--
-- Name: login_attempt id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempt ALTER COLUMN id SET DEFAULT nextval('public.login_attempt_id_seq'::regclass);


--
-- Name: login_session id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_session ALTER COLUMN id SET DEFAULT nextval('public.login_session_id_seq'::regclass);


--
-- Name: outbox id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox ALTER COLUMN id SET DEFAULT nextval('public.outbox_id_seq'::regclass);


--
-- Name: piece id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.piece ALTER COLUMN id SET DEFAULT nextval('public.piece_id_seq'::regclass);


--
-- Name: pole id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pole ALTER COLUMN id SET DEFAULT nextval('public.pole_id_seq'::regclass);


--
-- Name: profile id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profile ALTER COLUMN id SET DEFAULT nextval('public.profile_id_seq'::regclass);


--
-- Name: registration id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.registration ALTER COLUMN id SET DEFAULT nextval('public.registration_id_seq'::regclass);


--
-- Name: staff_pole id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_pole ALTER COLUMN id SET DEFAULT nextval('public.staff_pole_id_seq'::regclass);


--
-- Name: upload id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upload ALTER COLUMN id SET DEFAULT nextval('public.upload_id_seq'::regclass);


--
-- Name: account account_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (id);


--
-- Name: address_change address_change_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address_change
    ADD CONSTRAINT address_change_pkey PRIMARY KEY (id);


--
-- Name: audit audit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit
    ADD CONSTRAINT audit_pkey PRIMARY KEY (id);


--
-- Name: document_rule document_rule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.document_rule
    ADD CONSTRAINT document_rule_pkey PRIMARY KEY (id);


--
-- Name: exam exam_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam
    ADD CONSTRAINT exam_pkey PRIMARY KEY (id);


--
-- Name: exam_session exam_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam_session
    ADD CONSTRAINT exam_session_pkey PRIMARY KEY (id);


--
-- Name: login_attempt login_attempt_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempt
    ADD CONSTRAINT login_attempt_pkey PRIMARY KEY (id);


--
-- Name: login_session login_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_session
    ADD CONSTRAINT login_session_pkey PRIMARY KEY (id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);


--
-- Name: piece piece_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.piece
    ADD CONSTRAINT piece_pkey PRIMARY KEY (id);


--
-- Name: pole pole_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pole
    ADD CONSTRAINT pole_pkey PRIMARY KEY (id);


--
-- Name: profile profile_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profile
    ADD CONSTRAINT profile_pkey PRIMARY KEY (id);


--
-- Name: registration registration_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.registration
    ADD CONSTRAINT registration_pkey PRIMARY KEY (id);


--
-- Name: staff_pole staff_pole_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_pole
    ADD CONSTRAINT staff_pole_pkey PRIMARY KEY (id);


--
-- Name: upload upload_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upload
    ADD CONSTRAINT upload_pkey PRIMARY KEY (id);


--
-- Name: account_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX account_email_key ON public.account USING btree (email_key);


--
-- Name: address_change_account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX address_change_account_id ON public.address_change USING btree (account_id);


--
-- Name: address_change_registration_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX address_change_registration_id ON public.address_change USING btree (registration_id);


--
-- Name: audit_actor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_actor_id ON public.audit USING btree (actor_id);


--
-- Name: audit_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_at ON public.audit USING btree (at);


--
-- Name: audit_subject_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_subject_id ON public.audit USING btree (subject_id);


--
-- Name: document_rule_session_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX document_rule_session_id ON public.document_rule USING btree (session_id);


--
-- Name: document_rule_session_id_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX document_rule_session_id_code ON public.document_rule USING btree (session_id, code);


--
-- Name: exam_pole_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exam_pole_id ON public.exam USING btree (pole_id);


--
-- Name: exam_session_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX exam_session_code ON public.exam_session USING btree (code);


--
-- Name: exam_session_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exam_session_id ON public.exam USING btree (session_id);


--
-- Name: exam_session_id_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX exam_session_id_code ON public.exam USING btree (session_id, code);


--
-- Name: login_attempt_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempt_at ON public.login_attempt USING btree (at);


--
-- Name: login_attempt_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempt_key ON public.login_attempt USING btree (key);


--
-- Name: login_session_account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_session_account_id ON public.login_session USING btree (account_id);


--
-- Name: login_session_token_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX login_session_token_hash ON public.login_session USING btree (token_hash);


--
-- Name: outbox_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_status ON public.outbox USING btree (status);


--
-- Name: piece_registration_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX piece_registration_id ON public.piece USING btree (registration_id);


--
-- Name: piece_registration_id_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX piece_registration_id_code ON public.piece USING btree (registration_id, code);


--
-- Name: piece_reviewed_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX piece_reviewed_by_id ON public.piece USING btree (reviewed_by_id);


--
-- Name: pole_session_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pole_session_id ON public.pole USING btree (session_id);


--
-- Name: pole_session_id_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX pole_session_id_code ON public.pole USING btree (session_id, code);


--
-- Name: profile_account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX profile_account_id ON public.profile USING btree (account_id);


--
-- Name: registration_account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX registration_account_id ON public.registration USING btree (account_id);


--
-- Name: registration_account_id_session_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX registration_account_id_session_id ON public.registration USING btree (account_id, session_id);


--
-- Name: registration_exam_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX registration_exam_id ON public.registration USING btree (exam_id);


--
-- Name: registration_number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX registration_number ON public.registration USING btree (number);


--
-- Name: registration_session_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX registration_session_id ON public.registration USING btree (session_id);


--
-- Name: staff_pole_account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_pole_account_id ON public.staff_pole USING btree (account_id);


--
-- Name: staff_pole_account_id_pole_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX staff_pole_account_id_pole_code ON public.staff_pole USING btree (account_id, pole_code);


--
-- Name: upload_piece_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX upload_piece_id ON public.upload USING btree (piece_id);


--
-- Name: upload_stored_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX upload_stored_name ON public.upload USING btree (stored_name);


--
-- Name: address_change address_change_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address_change
    ADD CONSTRAINT address_change_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: address_change address_change_registration_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.address_change
    ADD CONSTRAINT address_change_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES public.registration(id) ON DELETE SET NULL;


--
-- Name: audit audit_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit
    ADD CONSTRAINT audit_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.account(id) ON DELETE SET NULL;


--
-- Name: audit audit_subject_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit
    ADD CONSTRAINT audit_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES public.account(id) ON DELETE SET NULL;


--
-- Name: document_rule document_rule_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.document_rule
    ADD CONSTRAINT document_rule_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.exam_session(id) ON DELETE CASCADE;


--
-- Name: exam exam_pole_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam
    ADD CONSTRAINT exam_pole_id_fkey FOREIGN KEY (pole_id) REFERENCES public.pole(id) ON DELETE RESTRICT;


--
-- Name: exam exam_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exam
    ADD CONSTRAINT exam_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.exam_session(id) ON DELETE CASCADE;


--
-- Name: login_session login_session_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_session
    ADD CONSTRAINT login_session_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: piece piece_registration_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.piece
    ADD CONSTRAINT piece_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES public.registration(id) ON DELETE CASCADE;


--
-- Name: piece piece_reviewed_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.piece
    ADD CONSTRAINT piece_reviewed_by_id_fkey FOREIGN KEY (reviewed_by_id) REFERENCES public.account(id) ON DELETE SET NULL;


--
-- Name: pole pole_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pole
    ADD CONSTRAINT pole_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.exam_session(id) ON DELETE CASCADE;


--
-- Name: profile profile_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profile
    ADD CONSTRAINT profile_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: registration registration_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.registration
    ADD CONSTRAINT registration_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: registration registration_exam_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.registration
    ADD CONSTRAINT registration_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES public.exam(id) ON DELETE RESTRICT;


--
-- Name: registration registration_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.registration
    ADD CONSTRAINT registration_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.exam_session(id) ON DELETE RESTRICT;


--
-- Name: staff_pole staff_pole_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_pole
    ADD CONSTRAINT staff_pole_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE;


--
-- Name: upload upload_piece_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upload
    ADD CONSTRAINT upload_piece_id_fkey FOREIGN KEY (piece_id) REFERENCES public.piece(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


